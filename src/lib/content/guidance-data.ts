import type { GuidanceInput } from '../model/catalogue';

/**
 * What each control says to do: why it matters, how to check it (commands to paste), how to fix
 * it per platform, and the passage of the guidance it comes from. Quotations in `source` are
 * verbatim from the guidance (its typing errors corrected), abridged with "…"; controls the
 * guidance does not state say so. Loaded lazily (see catalogue.ts loadGuidance) and validated.
 */
export const guidanceData: GuidanceInput = {
  'no-open-relay': {
    why: 'An open relay accepts mail from anyone and passes it on to anyone, so bulk mailers use it to hide where their mail really comes from. The relaying server is usually overloaded, legitimate mail is delayed, and your addresses end up on block lists that many networks use to reject all your mail. This is the one requirement in the guidance stated as MUST NOT, and it covers every computer on your network: a forgotten test server, an appliance or a printer with a mail service counts as much as the official mail servers.',
    howToCheck: [
      {
        text: 'Find every host that accepts SMTP connections. From a host outside your network, scan your own public address ranges for the SMTP and submission ports, and compare the result with the hosts you expect to find.',
        code: 'nmap -Pn -p 25,465,587 --open 192.0.2.0/24 198.51.100.0/24',
      },
      {
        text: 'For each host found, try to relay from outside: an outside sender to an outside recipient. The --quit-after RCPT option ends the session before any message is sent. A refusal looks like "554 5.7.1 Relay access denied" (Postfix, or 454 with its default deferral), "550 relay not permitted" (Exim), "550 5.7.1 Relaying denied" (Sendmail) or "550 5.7.54 Unable to relay" (Exchange). A 250 reply to RCPT TO means the host relays.',
        code: 'swaks --server mx.example.ac.uk --from test@example.com --to someone@example.org --quit-after RCPT',
      },
      {
        text: 'On Postfix hosts, review the relay rules: the relay restrictions must end with reject_unauth_destination (or defer_unauth_destination), and mynetworks must list only hosts you trust to relay without a password.',
        code: "postconf -n | grep -E 'smtpd_(relay|recipient)_restrictions'\npostconf mynetworks relay_domains",
      },
      {
        text: 'On Exim hosts, show the RCPT ACL and the hosts allowed to relay. exim -bh runs a simulated SMTP session as if from the given outside address and delivers nothing: type EHLO, MAIL FROM and RCPT TO with an outside recipient and expect "550 relay not permitted".',
        code: 'exim -bP acl_smtp_rcpt\nexim -bP +relay_from_hosts\nexim -bh 203.0.113.5',
      },
      {
        text: 'On Sendmail hosts, look for features and access entries that open relaying.',
        code: "grep -nE 'promiscuous_relay|relay_entire_domain|relay_local_from|relay_based_on_MX|loose_relay_check' /etc/mail/sendmail.mc\ngrep -w RELAY /etc/mail/access /etc/mail/relay-domains 2>/dev/null",
      },
      {
        text: 'On Exchange, list the receive connectors. A connector that grants anonymous users the Ms-Exch-SMTP-Accept-Any-Recipient permission, or that uses ExternalAuthoritative authentication, relays for every address in its RemoteIPRanges, so those ranges must be a few named hosts.',
        code: "Get-ReceiveConnector | Format-Table Identity,Bindings,RemoteIPRanges,PermissionGroups,AuthMechanism -AutoSize\nGet-ReceiveConnector | Get-ADPermission -User 'NT AUTHORITY\\ANONYMOUS LOGON' | Where-Object { $_.ExtendedRights -like '*Accept-Any-Recipient*' } | Format-Table Identity,User,ExtendedRights",
      },
    ],
    howToFix: [
      {
        platform: 'general',
        steps: [
          {
            text: 'Switch off the mail service on any host that does not need one (see the Mail services inventory section). On hosts that do need one, allow relaying only for named hosts and for authenticated users, and repeat the test from outside after every change.',
          },
        ],
      },
      {
        platform: 'postfix',
        steps: [
          {
            text: 'Permit relaying only for mynetworks and authenticated clients, and reject everything else that is not addressed to your own domains. List in mynetworks only hosts that really must relay without a password (for example one application server), never a whole campus range.',
            code: "postconf -e 'mynetworks = 127.0.0.0/8 [::1]/128 192.0.2.10/32'\npostconf -e 'smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination'\npostfix reload",
          },
        ],
      },
      {
        platform: 'exim',
        steps: [
          {
            text: 'In the RCPT ACL, accept relaying only from +relay_from_hosts and from authenticated clients; everything else must be for a local or relay-to domain and a valid recipient. On Debian and Ubuntu set dc_relay_nets in /etc/exim4/update-exim4.conf.conf and run update-exim4.conf instead of editing the ACL by hand.',
            code: 'hostlist relay_from_hosts = <; 127.0.0.1 ; ::1 ; 192.0.2.10\n\nacl_check_rcpt:\n  accept  hosts         = +relay_from_hosts\n          control       = submission\n  accept  authenticated = *\n          control       = submission\n  require message       = relay not permitted\n          domains       = +local_domains : +relay_to_domains\n  require verify        = recipient\n  accept',
          },
        ],
      },
      {
        platform: 'sendmail',
        steps: [
          {
            text: 'Sendmail has refused to relay by default since version 8.9; relaying is opened by features and access entries. Remove the promiscuous_relay, relay_entire_domain, relay_local_from, relay_based_on_MX and loose_relay_check features from sendmail.mc, list only named hosts as RELAY in the access database, and add the relay_hosts_only feature so that a name in the relay lists means that host only, not its whole domain. Then rebuild the configuration and restart.',
            code: "dnl in /etc/mail/sendmail.mc\nFEATURE(`access_db')dnl\nFEATURE(`relay_hosts_only')dnl\n\n# in /etc/mail/access\nConnect:192.0.2.10      RELAY\n\n# rebuild access.db and sendmail.cf, then restart\nmake -C /etc/mail\nsystemctl restart sendmail",
          },
        ],
      },
      {
        platform: 'exchange',
        steps: [
          {
            text: 'Leave the default frontend connector accepting anonymous mail only for your accepted domains. If applications must relay anonymously, create a dedicated receive connector whose RemoteIPRanges lists only those application hosts and grant the relay permission on that connector alone; remove it from any other connector.',
            code: "Set-ReceiveConnector 'EX01\\Anonymous Relay' -RemoteIPRanges 192.0.2.10,192.0.2.11\nGet-ReceiveConnector 'EX01\\Anonymous Relay' | Add-ADPermission -User 'NT AUTHORITY\\ANONYMOUS LOGON' -ExtendedRights 'Ms-Exch-SMTP-Accept-Any-Recipient'\nGet-ReceiveConnector 'EX01\\Default Frontend EX01' | Remove-ADPermission -User 'NT AUTHORITY\\ANONYMOUS LOGON' -ExtendedRights 'Ms-Exch-SMTP-Accept-Any-Recipient'",
          },
        ],
      },
      {
        platform: 'hosted',
        steps: [
          {
            text: 'If printers or applications send through Microsoft 365 or Google Workspace, restrict those relay features to the named addresses of the devices or to authenticated accounts (see the control on hosted relay connectors), not to your whole public range.',
          },
        ],
      },
      {
        platform: 'windows',
        steps: [
          {
            text: "On Windows servers running the IIS SMTP service (SMTPSVC), open the virtual server's Properties, Access, Relay restrictions and allow only the listed named hosts; better, stop and disable the service if nothing needs it.",
            code: 'Get-Service SMTPSVC\nStop-Service SMTPSVC; Set-Service SMTPSVC -StartupType Disabled',
          },
        ],
      },
    ],
    source:
      'Section "E-mail and Security Issues": "Janet-connected organisations MUST NOT allow any computers on their networks to be used to relay UBE."',
  },
  'relay-tested-externally': {
    why: 'Relay settings drift: an upgrade resets a default, someone widens mynetworks to make a printer work, or a new appliance arrives with a mail service. A test from inside your network proves little, because inside addresses are usually allowed to relay on purpose. A dated record of relay attempts refused from outside is the evidence that Jisc, an auditor or a block-list operator will ask for.',
    howToCheck: [
      {
        text: 'From a host outside your network (for example a cloud virtual machine that is allowed to make outbound connections to port 25; many home broadband providers block it), list the SMTP listeners on your ranges. Include the IPv6 addresses of your mail hosts by name, because whole IPv6 prefixes are too large to sweep.',
        code: 'nmap -Pn -p 25,465,587 --open 192.0.2.0/24 198.51.100.0/24\nnmap -6 -Pn -p 25,465,587 --open mx.example.ac.uk',
      },
      {
        text: 'Against each listener, try the common relay tricks as well as the plain case: an outside sender to an outside recipient, a forged sender in your own domain, the null sender, the old percent-hack and quoted forms, and IPv6. Use a recipient mailbox you control. Every attempt should be refused at RCPT TO; if one gets a 250 reply, send a real test message to your mailbox to see whether it is delivered (some servers accept these forms and bounce them later).',
        code: "swaks --server mx.example.ac.uk --from test@example.com --to someone@example.org --quit-after RCPT\nswaks --server mx.example.ac.uk --from postmaster@example.ac.uk --to someone@example.org --quit-after RCPT\nswaks --server mx.example.ac.uk --from '<>' --to someone@example.org --quit-after RCPT\nswaks --server mx.example.ac.uk --from test@example.com --to 'someone%example.org@example.ac.uk' --quit-after RCPT\nswaks --server mx.example.ac.uk --from test@example.com --to '\"someone@example.org\"@example.ac.uk' --quit-after RCPT\nswaks -6 --server mx.example.ac.uk --from test@example.com --to someone@example.org --quit-after RCPT",
      },
      {
        text: "Keep the record: the date, the testing host's address, the targets and the replies (swaks prints the whole dialogue). Attach it to this assessment as evidence.",
        code: 'swaks --server mx.example.ac.uk --from test@example.com --to someone@example.org --quit-after RCPT 2>&1 | tee "relay-test-mx-$(date +%F).txt"',
      },
    ],
    howToFix: [
      {
        platform: 'general',
        steps: [
          {
            text: "Make the external relay test part of change control for every mail host, firewall change and new appliance, and schedule it, for example quarterly. Keep the testing host's address and the commands in your runbook so anyone on the team can repeat them.",
          },
        ],
      },
      {
        platform: 'linux',
        steps: [
          {
            text: 'Automate the plain test from the external host with cron or a systemd timer. swaks exits with status 24 when no recipient was accepted, so any other status needs a look.',
            code: 'swaks --server mx.example.ac.uk --from test@example.com --to someone@example.org --quit-after RCPT --hide-all\n[ $? -eq 24 ] || echo "relay test on mx.example.ac.uk was not refused" | mail -s "RELAY TEST ALERT" postmaster@example.ac.uk',
          },
        ],
      },
    ],
    source:
      'Good practice added to show the requirement is met, derived from section "E-mail and Security Issues": "Janet-connected organisations MUST NOT allow any computers on their networks to be used to relay UBE." and section "Relaying Through the Mail or Proxy Servers by Bulk Mailers": "… careful configuration and checking of firewalls, servers and client computers."',
  },
  'open-relay-repaired': {
    why: 'While a relay stays open, every hour adds more spam in your name, more bounces and complaints to deal with, and more lists that block your addresses. The guidance expects the manager of the mail system to act. Retesting matters because half-repairs are common, such as blocking one abusing address while the relay stays open on another port or over IPv6.',
    howToCheck: [
      {
        text: 'Look at how the last relay or abuse report was handled: who received it, when the relay was closed, whether the spam was removed from the queue and whether a retest was recorded. On the affected host, see whether abuse is still under way by counting the queue.',
        code: 'postqueue -p | tail -n 1     # Postfix: queue summary\nexim -bpc                    # Exim: number of queued messages\nmailq | tail -n 1            # Sendmail: total requests',
      },
      {
        text: 'Find which clients handed in the most mail recently; an unexpected address at the top is the likely abuser.',
        code: "grep 'postfix/smtpd.*client=' /var/log/mail.log | sed 's/.*client=//' | sort | uniq -c | sort -rn | head\nexim -bp | exiqsumm | head -n 20",
      },
    ],
    howToFix: [
      {
        platform: 'general',
        steps: [
          {
            text: 'First stop the abuse: block inbound port 25 to the host at the firewall or stop its mail service. Then remove the spam from the queue so it is not delivered later, fix the configuration (see the other relay controls) and find out how it was opened.',
          },
          {
            text: 'Retest from outside before restoring service. Then request delisting from any block list that listed you, and tell whoever reported the relay (for example Janet CSIRT) what was done.',
          },
        ],
      },
      {
        platform: 'postfix',
        steps: [
          {
            text: 'Hold the whole queue while you clean it, delete the spam by sender (postqueue -j needs Postfix 3.1 or later and the jq tool), then release the rest.',
            code: 'postsuper -h ALL\npostqueue -j | jq -r \'select(.sender == "spammer@example.net") | .queue_id\' | postsuper -d -\npostsuper -H ALL',
          },
        ],
      },
      {
        platform: 'exim',
        steps: [
          {
            text: 'Remove the queued spam by sender (exiqgrep takes a regular expression), then check the queue again.',
            code: 'exiqgrep -i -f spammer@example.net | xargs exim -Mrm\nexim -bpc',
          },
        ],
      },
      {
        platform: 'sendmail',
        steps: [
          {
            text: 'Stop the daemon, quarantine the queued spam by sender so it is not delivered, and restart once the configuration is fixed.',
            code: 'systemctl stop sendmail\nsendmail -Qrelayabuse -qSspammer@example.net\nmailq -qQ\nsystemctl start sendmail',
          },
        ],
      },
      {
        platform: 'exchange',
        steps: [
          {
            text: 'Remove the queued spam without sending non-delivery reports.',
            code: 'Get-Message -Filter "FromAddress -eq \'spammer@example.net\'" | Remove-Message -WithNDR $false -Confirm:$false',
          },
        ],
      },
      {
        platform: 'firewall',
        steps: [
          {
            text: 'While you repair the host, block SMTP to and from it (adjust the table and chain names to your ruleset).',
            code: 'nft insert rule inet filter forward ip daddr 192.0.2.77 tcp dport 25 drop\nnft insert rule inet filter forward ip saddr 192.0.2.77 tcp dport 25 drop',
          },
        ],
      },
    ],
    source:
      'Section "E-mail and Security Issues": "If a Janet-connected organisation is relaying messages without authorisation, the manager of the e-mail system should take appropriate action to repair the open relay."',
  },
  'no-open-proxies': {
    why: 'An open proxy forwards any connection, so a bulk mailer can use it to reach mail servers anywhere while appearing to come from your address; to the rest of the Internet this is the same as an open relay. Web proxies and SOCKS servers meant for your own users, and web servers with forward proxying switched on by mistake, are the usual sources. Open proxies are found and abused quickly, and they put your addresses on block lists.',
    howToCheck: [
      {
        text: "From outside your network, look for the usual proxy ports on your ranges, and let nmap's scripts try to use anything that answers as a proxy.",
        code: 'nmap -Pn -p 80,1080,3128,8080 --open 192.0.2.0/24\nnmap -Pn -p 80,1080,3128,8080 --script http-open-proxy,socks-open-proxy 192.0.2.0/24',
      },
      {
        text: 'For each candidate, try to fetch an outside page through it from outside your network. An open proxy returns the page; a closed one refuses (for example 403 Forbidden from Squid) or fails.',
        code: 'curl -x http://host.example.ac.uk:3128 http://example.com/\ncurl --socks5-hostname host.example.ac.uk:1080 http://example.com/',
      },
      {
        text: 'Check whether a proxy will tunnel to a mail server: a CONNECT request to port 25 must be refused, not answered with "200 Connection established".',
        code: 'curl -v -p --max-time 10 -x http://host.example.ac.uk:3128 telnet://mx.example.org:25',
      },
      {
        text: 'On web servers, look for forward proxying switched on (reverse proxying with ProxyPass is a different thing and does not need it).',
        code: "grep -rniE '^\\s*ProxyRequests\\s+On' /etc/apache2 /etc/httpd 2>/dev/null",
      },
    ],
    howToFix: [
      {
        platform: 'linux',
        steps: [
          {
            text: 'Apache: switch forward proxying off, then check and reload.',
            code: 'ProxyRequests Off\n\napachectl configtest && systemctl reload apache2',
          },
          {
            text: 'Squid: allow only your own networks, allow CONNECT only to port 443, and deny everything else.',
            code: 'acl localnet src 192.0.2.0/24 198.51.100.0/24 2001:db8::/32\nacl SSL_ports port 443\nhttp_access deny CONNECT !SSL_ports\nhttp_access allow localnet\nhttp_access deny all',
          },
          {
            text: 'SOCKS servers (for example Dante): restrict client and socks rules to your own address ranges, or remove the server if it has no current purpose.',
          },
        ],
      },
      {
        platform: 'windows',
        steps: [
          {
            text: 'Find what is listening on proxy ports and remove or restrict it. On IIS with Application Request Routing, leave forward proxying off unless it is deliberately restricted to your own networks.',
            code: 'Get-NetTCPConnection -State Listen -LocalPort 80,1080,3128,8080 -ErrorAction SilentlyContinue | Select-Object LocalAddress,LocalPort,OwningProcess',
          },
        ],
      },
      {
        platform: 'firewall',
        steps: [
          {
            text: 'Block inbound connections from the Internet to proxy ports, except to a proxy you deliberately offer to outsiders (normally none).',
            code: 'nft add rule inet filter forward iifname "wan0" tcp dport { 1080, 3128, 8080 } drop',
          },
        ],
      },
      {
        platform: 'general',
        steps: [
          {
            text: 'Restrict every proxy to your own address ranges, and require authentication where practical. Retest from outside after each change.',
          },
        ],
      },
    ],
    source:
      'Section "E-mail and Security Issues": "Janet-connected organisations MUST NOT allow any computers on their networks to be used to relay UBE." Section "Relaying Through the Mail or Proxy Servers by Bulk Mailers": "Open proxies are systems not primarily for mail use that accept some sort of inward connection and allow it to set up an ongoing connection that may be a mail transfer. … SOCKS on port 1080 is another proxy protocol. Other ports are sometimes used, and an incorrectly configured web server can show the same behaviour."',
  },
  'relay-paths-examined': {
    why: 'A relay is not always one badly configured mail server. A web form that lets the visitor set the recipient, or slip extra header lines into a field, sends whatever an outsider wants through a mail server that trusts the web server. A departmental server that accepts mail from anywhere and forwards it to a central smarthost that trusts it makes an open relay in two steps, even though each system looks safe on its own.',
    howToCheck: [
      {
        text: 'List every system that hands mail to your mail servers without authenticating: the addresses in Postfix mynetworks, Exim relay_from_hosts, the Sendmail access database and Exchange relay connectors. For each, ask what can make it send mail and who controls the recipient.',
        code: 'postconf mynetworks\nexim -bP +relay_from_hosts\ngrep -w RELAY /etc/mail/access',
      },
      {
        text: 'Find web forms and scripts that send mail, and test each one with an outside recipient and with a line break in a header field such as the sender address. The recipient should be fixed on the server and line breaks should be rejected.',
        code: "grep -rlE 'mail\\(|sendmail|FormMail|smtplib' /var/www 2>/dev/null\ncurl -d 'email=test%40example.com%0d%0aBcc:%20someone%40example.org&message=test' https://www.example.ac.uk/contact",
      },
      {
        text: 'From outside, test each chain at its first hop, for example a departmental server that forwards to your smarthost. It must refuse an outside recipient itself.',
        code: 'swaks --server dept-mail.example.ac.uk --from test@example.com --to someone@example.org --quit-after RCPT',
      },
    ],
    howToFix: [
      {
        platform: 'general',
        steps: [
          {
            text: 'Give each system only the relay rights it needs: fixed recipients for forms, authentication for applications, and relay rights for named hosts rather than whole subnets. Where a form must mail an address the visitor types (for example a receipt), send only fixed text, limit the rate and protect the form with a challenge such as a CAPTCHA.',
          },
          {
            text: 'In form handlers, never take the recipient from the request, and reject any header value containing a carriage return or line feed. A PHP example:',
            code: "if (preg_match('/[\\r\\n]/', $from)) { http_response_code(400); exit; }\nmail('enquiries@example.ac.uk', 'Web enquiry', $message, ['Reply-To' => $from]);",
          },
        ],
      },
      {
        platform: 'postfix',
        steps: [
          {
            text: 'On a central smarthost, accept relaying only from the named servers that need it, and make each of those servers refuse outside-to-outside mail itself.',
            code: "postconf -e 'mynetworks = 127.0.0.0/8 [::1]/128 192.0.2.10/32 192.0.2.11/32'",
          },
        ],
      },
      {
        platform: 'exim',
        steps: [
          {
            text: 'List named hosts, not subnets, in relay_from_hosts.',
            code: 'hostlist relay_from_hosts = <; 127.0.0.1 ; ::1 ; 192.0.2.10 ; 192.0.2.11',
          },
        ],
      },
      {
        platform: 'sendmail',
        steps: [
          {
            text: 'List named hosts in the access database. A partial address such as Connect:192.0.2 allows the whole subnet to relay.',
            code: 'Connect:192.0.2.10      RELAY\nConnect:192.0.2.11      RELAY',
          },
        ],
      },
      {
        platform: 'hosted',
        steps: [
          {
            text: 'If devices or applications relay through Microsoft 365 or Google Workspace, restrict the connector or the SMTP relay service to the addresses of those devices, or require authentication, rather than trusting your whole public range.',
          },
        ],
      },
    ],
    source:
      'Section "Relaying Through the Mail or Proxy Servers by Bulk Mailers": "Elimination of open proxies follows much the same pattern as elimination of open relays: examination of possible paths through one or more systems in the network and careful configuration and checking of firewalls, servers and client computers."',
  },
  'blocklist-not-listed': {
    why: 'Block lists record addresses that have sent spam, relayed it or are infected, and many networks refuse mail (and sometimes other traffic) from listed addresses. A listing therefore shows that something on your network is, or recently was, being abused, and it stops your legitimate mail reaching people. Not every listing means the same thing: the Spamhaus PBL lists addresses that should not send mail directly, which is expected for ordinary client ranges but wrong for your mail servers.',
    howToCheck: [
      {
        text: "Run this tool's DNS block-list check on your public address ranges and your mail servers' addresses. Spamhaus refuses queries that reach it through public resolvers (an answer of 127.255.255.254 is such a refusal, not a listing), so for Spamhaus use a Spamhaus Data Query Service key or a DNS-over-HTTPS resolver of your own. Jisc's Janet mirrors answer only resolvers on Janet, so a browser using a public resolver cannot reach them.",
      },
      {
        text: "Confirm any listing on the operator's own lookup page, which also gives the reason and the delisting route: Spamhaus at https://check.spamhaus.org/, Barracuda at https://www.barracudacentral.org/lookups and SpamCop at https://www.spamcop.net/bl.shtml.",
      },
      {
        text: "From a server that uses your own recursive resolver, you can also query a list directly: reverse the address's four numbers and add the list's zone (here for 192.0.2.25). An answer in 127.0.0.0/8 means listed, no answer means not listed, and the TXT record usually gives the reason.",
        code: 'dig +short 25.2.0.192.zen.spamhaus.org A\ndig +short 25.2.0.192.zen.spamhaus.org TXT',
      },
    ],
    howToFix: [
      {
        platform: 'general',
        steps: [
          {
            text: "Find the cause before asking for removal; the listing's reason and time tell you where to look. A Spamhaus XBL or CSS listing usually means an infected or compromised host, or a mail account whose password was stolen, sending directly. A relay or proxy listing means an open relay or open proxy. Search firewall and flow logs for outbound port 25 from the listed address around the listed time.",
          },
          {
            text: 'Fix the cause: repair the relay or proxy, rebuild the compromised host, reset stolen passwords, and block outbound port 25 from hosts that are not mail servers.',
          },
          {
            text: "Then request delisting through the operator's page (for Spamhaus, https://check.spamhaus.org/). Delisting without a fix usually ends in a quick relisting. Record the listing, the cause, the fix and the delisting date with this assessment.",
          },
        ],
      },
      {
        platform: 'firewall',
        steps: [
          {
            text: 'While you investigate, stop the listed host from sending mail directly (adjust the table and chain names to your ruleset).',
            code: 'nft insert rule inet filter forward ip saddr 192.0.2.77 tcp dport 25 drop',
          },
        ],
      },
      {
        platform: 'hosted',
        steps: [
          {
            text: "If the listed addresses belong to your hosting provider rather than to you, raise it with the provider. If one of your users' accounts sent spam, the provider may block it from sending: reset its password, revoke its sessions, check its mailbox rules and forwarding, then release it (in Microsoft 365, on the Restricted entities page of the Microsoft Defender portal).",
          },
        ],
      },
    ],
    source:
      'Good practice: the guidance does not require checking block lists, but explains why a listing matters. Opening paragraphs: "Sites that are frequently abused as relays may be added to blocklists used by many network operators and ISPs to reject all e-mail and other traffic." Section "E-mail and Security Issues": "… the manager of the e-mail system should take appropriate action to repair the open relay."',
  },
  'mail-service-only-where-needed': {
    why: 'A host only needs to accept mail over the network if it stores mailboxes or is one of your designated gateways. Every other listening mail server is extra attack surface and a possible relay, and often an unpatched one, because nobody remembers it is there. Fewer mail hosts also means fewer places to configure, patch and monitor.',
    howToCheck: [
      {
        text: 'Scan your ranges for mail ports, from outside and from inside your network, and list the hosts that answer. Compare the list with your inventory of designated mail hosts.',
        code: "nmap -Pn -p 25,465,587 --open -oG - 192.0.2.0/24 198.51.100.0/24 | awk '/open/{print $2}'",
      },
      {
        text: 'On an individual Linux or UNIX host, see which program listens on the mail ports.',
        code: "ss -ltnp '( sport = :25 or sport = :587 or sport = :465 )'",
      },
      {
        text: 'On a Windows host:',
        code: 'Get-NetTCPConnection -LocalPort 25,465,587 -State Listen -ErrorAction SilentlyContinue',
      },
    ],
    howToFix: [
      {
        platform: 'linux',
        steps: [
          {
            text: 'Stop and disable the mail server on hosts that do not need one. If local programs on the host must still send mail, use a send-only client instead (see the control on send-only clients).',
            code: 'systemctl disable --now postfix    # or exim4, exim, sendmail',
          },
        ],
      },
      {
        platform: 'windows',
        steps: [
          {
            text: 'Stop and remove the IIS SMTP service where it is not needed.',
            code: 'Stop-Service SMTPSVC; Set-Service SMTPSVC -StartupType Disabled\nUninstall-WindowsFeature SMTP-Server',
          },
        ],
      },
      {
        platform: 'firewall',
        steps: [
          {
            text: 'Block inbound connections to ports 25, 465 and 587 except to the designated mail hosts (see the Network filtering section), so a stray mail server cannot be reached from outside.',
          },
        ],
      },
      {
        platform: 'general',
        steps: [
          {
            text: 'Appliances such as printers, scanners, storage arrays and UPS management cards sometimes include a mail service: switch off the listener in their management interface; they normally only need to send.',
          },
        ],
      },
    ],
    source:
      'Section "E-mail and Security Issues": "A host only needs to run a mail service if it is used to store delivery mailboxes." Section "General Countermeasures": "Ensure that an intruder cannot take control of mail systems by: … disabling unnecessary services on servers and workstations"',
  },
  'no-smtp-on-workstations': {
    why: 'Mail programs on workstations fetch mail from, and send mail through, your mail servers; they never need to accept SMTP connections themselves. A workstation listening on port 25 is usually running a leftover developer tool, a bundled service or malware, and on a large network it is the easiest kind of relay for an outsider to find.',
    howToCheck: [
      {
        text: 'On Linux workstations:',
        code: "ss -ltnp '( sport = :25 or sport = :587 or sport = :465 )'",
      },
      {
        text: 'On macOS:',
        code: 'lsof -nP -iTCP:25 -sTCP:LISTEN',
      },
      {
        text: 'On Windows (no output means nothing is listening):',
        code: 'Get-NetTCPConnection -LocalPort 25 -State Listen -ErrorAction SilentlyContinue',
      },
      {
        text: "Across the estate, use your endpoint management tool's inventory, or scan the workstation subnets from inside your network.",
        code: 'nmap -Pn -p 25,465,587 --open 198.51.100.0/24',
      },
    ],
    howToFix: [
      {
        platform: 'linux',
        steps: [
          {
            text: 'Remove or disable the mail server package on workstations; if local mail is wanted, make it listen on the loopback interface only (see the next control).',
            code: 'systemctl disable --now postfix    # or exim4, sendmail',
          },
        ],
      },
      {
        platform: 'windows',
        steps: [
          {
            text: 'Identify the program that listens, uninstall it, and block inbound mail ports with Windows Defender Firewall through Group Policy or Intune.',
            code: "Get-Process -Id (Get-NetTCPConnection -LocalPort 25 -State Listen).OwningProcess\nNew-NetFirewallRule -DisplayName 'Block inbound SMTP' -Direction Inbound -Protocol TCP -LocalPort 25,465,587 -Action Block",
          },
        ],
      },
      {
        platform: 'general',
        steps: [
          {
            text: 'Add "no listening mail service" to your workstation build standard and check it in your endpoint management compliance reports.',
          },
        ],
      },
    ],
    source:
      'Section "E-mail and Security Issues": "Since most workstations only process mail under the direct control of a user, for example when moving messages from an inbox to local folders, they do not need to run mail server software."',
  },
  'bundled-mta-off-or-loopback': {
    why: 'Many UNIX and Linux installations include a mail server that starts automatically; historically sendmail, often an old version with known problems. The guidance calls disabling these the first task in securing e-mail. Listening only on 127.0.0.1 and ::1 keeps local mail such as cron output working, while nobody on the network can connect.',
    howToCheck: [
      {
        text: 'See where the mail ports are listening: 127.0.0.1:25 and [::1]:25 are loopback only; 0.0.0.0:25, [::]:25 or *:25 mean every interface.',
        code: "ss -ltnp '( sport = :25 or sport = :587 or sport = :465 )'",
      },
      {
        text: 'See which mail server is installed, whether it starts at boot, and which interfaces it is configured for.',
        code: "systemctl list-unit-files 'postfix*' 'exim*' 'sendmail*'\npostconf inet_interfaces\nexim -bP local_interfaces\ngrep -n DAEMON_OPTIONS /etc/mail/sendmail.mc",
      },
    ],
    howToFix: [
      {
        platform: 'postfix',
        steps: [
          {
            text: 'Listen on loopback only. A change to inet_interfaces needs a restart, not a reload.',
            code: "postconf -e 'inet_interfaces = loopback-only'\nsystemctl restart postfix",
          },
        ],
      },
      {
        platform: 'exim',
        steps: [
          {
            text: 'On Debian and Ubuntu, set the listening interfaces in /etc/exim4/update-exim4.conf.conf and regenerate the configuration. Elsewhere, set local_interfaces = <; 127.0.0.1 ; ::1 in the main configuration.',
            code: "dc_local_interfaces='127.0.0.1 ; ::1'\n\nupdate-exim4.conf && systemctl restart exim4",
          },
        ],
      },
      {
        platform: 'sendmail',
        steps: [
          {
            text: 'Bind the daemon to the loopback address in sendmail.mc (remove any other DAEMON_OPTIONS line that listens on all addresses), rebuild and restart.',
            code: "DAEMON_OPTIONS(`Family=inet, Name=MTA-v4, Port=smtp, Addr=127.0.0.1')dnl\n\nmake -C /etc/mail && systemctl restart sendmail",
          },
        ],
      },
      {
        platform: 'linux',
        steps: [
          {
            text: 'If nothing on the host needs local mail, disable the service entirely, or replace it with a send-only client.',
            code: 'systemctl disable --now sendmail',
          },
        ],
      },
    ],
    source:
      'Section "E-mail and Security Issues": "Unfortunately, most UNIX® systems are delivered with the sendmail server installed and running. All too often this will be an old version with known security or configuration problems. The first task in securing an e-mail system is therefore to disable all these unnecessary services …"',
  },
  'send-only-client': {
    why: 'A full mail server is powerful and therefore easy to misconfigure, and a host that only sends its own messages needs none of that power. A send-only client does not accept mail from the network at all, so it cannot become a relay, and it is quicker to set up correctly. The guidance notes that such simpler alternatives may be enough in many situations.',
    howToCheck: [
      {
        text: 'See what provides the sendmail command on the host (on Red Hat family systems the "mta" alternative chooses it).',
        code: 'readlink -f /usr/sbin/sendmail\nalternatives --display mta 2>/dev/null',
      },
      {
        text: 'Check that nothing listens on the mail ports for the network, and send a test message that should arrive through your designated relay.',
        code: "ss -ltn '( sport = :25 )'\nprintf 'Subject: test from %s\\n\\ntest\\n' \"$(hostname)\" | /usr/sbin/sendmail admin@example.ac.uk",
      },
    ],
    howToFix: [
      {
        platform: 'postfix',
        steps: [
          {
            text: 'Make Postfix a null client: it sends everything to the relay, delivers nothing locally and listens only on loopback. (If the relay requires authentication, also configure smtp_sasl_auth_enable and smtp_tls_security_level = encrypt.)',
            code: "postconf -e 'myorigin = $mydomain' 'relayhost = [smtp.example.ac.uk]' 'inet_interfaces = loopback-only' 'mydestination =' 'local_transport = error:local delivery disabled'\nsystemctl restart postfix",
          },
        ],
      },
      {
        platform: 'exim',
        steps: [
          {
            text: 'On Debian and Ubuntu, choose the "satellite" configuration (mail sent by smarthost, no local mail) in /etc/exim4/update-exim4.conf.conf.',
            code: "dc_eximconfig_configtype='satellite'\ndc_smarthost='smtp.example.ac.uk'\ndc_local_interfaces='127.0.0.1 ; ::1'\ndc_relay_nets=''\n\nupdate-exim4.conf && systemctl restart exim4",
          },
        ],
      },
      {
        platform: 'sendmail',
        steps: [
          {
            text: 'Use the nullclient feature in a minimal sendmail.mc (with no other MAILER lines), which forwards all mail to the named hub.',
            code: "FEATURE(`nullclient', `smtp.example.ac.uk')dnl",
          },
        ],
      },
      {
        platform: 'linux',
        steps: [
          {
            text: 'Or replace the mail server with msmtp, which provides a sendmail command and submits mail with authentication over TLS. dma is a similar alternative, configured with SMARTHOST smtp.example.ac.uk in /etc/dma/dma.conf.',
            code: 'apt install msmtp-mta\n\n# /etc/msmtprc\naccount default\nhost smtp.example.ac.uk\nport 587\ntls on\nauth on\nuser host-alerts@example.ac.uk\npasswordeval cat /etc/msmtp-password\nfrom host-alerts@example.ac.uk',
          },
        ],
      },
      {
        platform: 'windows',
        steps: [
          {
            text: 'Windows applications that send alerts usually have their own SMTP settings: point them at your designated relay or submission service with authentication, rather than installing the IIS SMTP service.',
          },
        ],
      },
    ],
    source:
      'Section "E-mail and Security Issues": "For those hosts that do need to provide a mail service there are less powerful alternatives to sendmail available, which may be sufficient for many situations while also being easier, and therefore less error-prone, to set up."',
  },
  'mail-host-inventory': {
    why: 'You cannot show that only designated hosts run a mail service, or write firewall rules for port 25, without a list of which hosts those are. The inventory is what you compare scans with, what your SPF record should match, and the first thing an incident responder needs. Hosts missing from it are the ones that go unpatched.',
    howToCheck: [
      {
        text: 'Compare the inventory with what answers on the mail ports, what your MX records say and what your SPF record authorises. Anything that appears in one and not the others needs an explanation.',
        code: "nmap -Pn -p 25,465,587 --open -oG - 192.0.2.0/24 198.51.100.0/24 | awk '/open/{print $2}'\ndig +short MX example.ac.uk\ndig +short TXT example.ac.uk | grep 'v=spf1'",
      },
      {
        text: 'Check that each entry has an owner and a date when it was last reviewed.',
      },
    ],
    howToFix: [
      {
        platform: 'general',
        steps: [
          {
            text: "Create the list (a spreadsheet or your configuration management database is enough) with: host name, IPv4 and IPv6 addresses, role, software and version, owner, networks it relays for, and date last reviewed. Review it after each change and at least yearly, and enter the mail servers in this tool's profile so the block-list check covers them.",
          },
        ],
      },
      {
        platform: 'hosted',
        steps: [
          {
            text: 'Include your hosted service: the tenant, its connectors and relay settings, and any on-premises hybrid or relay servers. In Exchange Online PowerShell:',
            code: 'Get-InboundConnector | Format-List Name,ConnectorType,SenderIPAddresses,TlsSenderCertificateName,RequireTls\nGet-OutboundConnector | Format-List Name,SmartHosts,RecipientDomains',
          },
        ],
      },
    ],
    source:
      'Good practice, not stated in the guidance; it supports section "E-mail and Security Issues": "A host only needs to run a mail service if it is used to store delivery mailboxes." and section "General Countermeasures": "… limiting connections with packet filters at firewalls and routers"',
  },
  'packet-filters-limit-mail': {
    why: 'Packet filters stop an intruder reaching services that should never be exposed, such as administration interfaces, databases or an internal relay port, even when a host is misconfigured. Rules written only for IPv4 leave hosts with IPv6 addresses open, a common gap on campus networks. The guidance lists packet filtering first among the ways to stop an intruder taking control of mail systems.',
    howToCheck: [
      {
        text: 'From outside, scan each mail host over IPv4 and IPv6 and compare the open ports with what the host should offer (typically 25 on inbound gateways; 465 and 587 on submission servers; 993 and 443 on mailbox servers).',
        code: 'nmap -Pn -p- --open mx.example.ac.uk\nnmap -6 -Pn -p- --open mx.example.ac.uk',
      },
      {
        text: 'Review the firewall rules that cover the mail hosts: each permitted port should have a reason, IPv6 rules should mirror IPv4 rules, and the rule set should end in a deny.',
        code: 'nft list ruleset',
      },
    ],
    howToFix: [
      {
        platform: 'firewall',
        steps: [
          {
            text: 'An illustration of the shape of such rules in nftables. Merge it into your own rule set: the drop policy blocks everything not accepted, including outbound traffic you have not yet allowed.',
            code: 'table inet border {\n  set mx_v4 { type ipv4_addr; elements = { 192.0.2.25 } }\n  set mx_v6 { type ipv6_addr; elements = { 2001:db8::25 } }\n  chain forward {\n    type filter hook forward priority filter; policy drop;\n    ct state established,related accept\n    iifname "wan0" ip daddr @mx_v4 tcp dport 25 accept\n    iifname "wan0" ip6 daddr @mx_v6 tcp dport 25 accept\n    # ... rules for your other permitted traffic ...\n  }\n}',
          },
        ],
      },
      {
        platform: 'linux',
        steps: [
          {
            text: 'As a second layer, run a host firewall on each mail server that accepts only its mail ports (and administration from your management network).',
            code: 'firewall-cmd --permanent --add-service=smtp --add-service=smtp-submission --add-service=smtps --add-service=imaps\nfirewall-cmd --reload',
          },
        ],
      },
      {
        platform: 'general',
        steps: [
          {
            text: 'Review the rules at least yearly and after changes, remove rules for retired hosts, and make sure every IPv4 rule has its IPv6 counterpart.',
          },
        ],
      },
    ],
    source:
      'Section "General Countermeasures": "Ensure that an intruder cannot take control of mail systems by: … limiting connections with packet filters at firewalls and routers …"',
  },
  'inbound-smtp-designated-hosts': {
    why: 'If only the designated hosts can be reached on port 25, a mail server started by mistake anywhere else on the network cannot be found or used as a relay from outside, so a misconfiguration on one host stays harmless. With a hosted mail service, nothing on your own network needs inbound port 25 at all unless you run a hybrid or relay server.',
    howToCheck: [
      {
        text: 'From outside, only the designated hosts should answer on port 25.',
        code: 'nmap -Pn -p 25 --open 192.0.2.0/24 198.51.100.0/24',
      },
      {
        text: 'Find the firewall rules for port 25 and check they name only those hosts, for IPv4 and IPv6.',
        code: "nft list ruleset | grep -n 'dport 25'",
      },
    ],
    howToFix: [
      {
        platform: 'firewall',
        steps: [
          {
            text: 'nftables: accept port 25 from outside only to the designated hosts, then drop the rest.',
            code: 'iifname "wan0" tcp dport 25 ip daddr { 192.0.2.25, 192.0.2.26 } accept\niifname "wan0" tcp dport 25 ip6 daddr { 2001:db8::25 } accept\niifname "wan0" tcp dport 25 drop',
          },
          {
            text: 'Cisco IOS style access list on the Internet-facing interface (with the same for IPv6 in an ipv6 access-list):',
            code: 'ip access-list extended FROM-INTERNET\n permit tcp any host 192.0.2.25 eq smtp\n permit tcp any host 192.0.2.26 eq smtp\n deny   tcp any any eq smtp\n ! ... remaining entries ...',
          },
        ],
      },
      {
        platform: 'hosted',
        steps: [
          {
            text: "When Microsoft 365 or Google Workspace receives your mail, block inbound port 25 to your whole network. If you run a hybrid Exchange server, allow port 25 to it only from your provider's published sending ranges.",
          },
        ],
      },
    ],
    source:
      'Section "Relaying Through the Mail or Proxy Servers by Bulk Mailers": "Consider restricting access to TCP port 25 (SMTP) so that e-mail traffic can only travel by the intended route through the network."',
  },
  'outbound-smtp-designated-hosts': {
    why: "Malware on a laptop or a compromised server usually sends spam by connecting directly to other networks' mail servers on port 25. Blocking that at the border stops it at once and keeps your addresses off block lists, and the blocked attempts in your firewall log point straight at the infected machines. Users are not affected, because mail programs send through a mail server on port 587 or 465, or through the provider's web interface, not directly on port 25.",
    howToCheck: [
      {
        text: 'From an ordinary workstation or server that is not a mail host, try to connect to an outside mail server on port 25 (one you are allowed to test, such as your own off-site server). It should fail, over IPv4 and IPv6.',
        code: 'nc -vz -w 5 mx.example.org 25\nnc -6 -vz -w 5 mx.example.org 25',
      },
      {
        text: 'The same from a Windows machine (TcpTestSucceeded should be False):',
        code: 'Test-NetConnection -ComputerName mx.example.org -Port 25',
      },
      {
        text: 'Repeat from guest, residence and eduroam networks, which are often filtered separately, and look at the firewall log of dropped attempts: each source is worth investigating.',
        code: "journalctl -k --since today | grep 'out-smtp-drop' | grep -o 'SRC=[^ ]*' | sort | uniq -c | sort -rn | head",
      },
    ],
    howToFix: [
      {
        platform: 'firewall',
        steps: [
          {
            text: 'nftables: allow outbound port 25 only from the designated hosts, and log and drop the rest.',
            code: 'oifname "wan0" tcp dport 25 ip saddr { 192.0.2.25, 192.0.2.26 } accept\noifname "wan0" tcp dport 25 ip6 saddr { 2001:db8::25 } accept\noifname "wan0" tcp dport 25 log prefix "out-smtp-drop " drop',
          },
          {
            text: 'Cisco IOS style access list applied to traffic leaving for the Internet:',
            code: 'ip access-list extended FROM-INSIDE\n permit tcp host 192.0.2.25 any eq smtp\n permit tcp host 192.0.2.26 any eq smtp\n deny   tcp any any eq smtp log\n ! ... remaining entries ...',
          },
        ],
      },
      {
        platform: 'hosted',
        steps: [
          {
            text: 'With a hosted service your own hosts have no reason to send on port 25 at all, except a hybrid server or a relay you designate: applications should submit to the provider on port 587 with authentication, or through its relay connector.',
          },
        ],
      },
      {
        platform: 'general',
        steps: [
          {
            text: 'Tell staff and researchers that software which sends mail must submit it to your relay or provider on port 587 with authentication, and handle exceptions by designating the host rather than opening the port widely. Consider also alerting on unusual outbound 465 and 587 traffic from servers, which malware with stolen passwords uses.',
          },
        ],
      },
    ],
    source:
      'Section "Relaying Through the Mail or Proxy Servers by Bulk Mailers": "Consider restricting access to TCP port 25 (SMTP) so that e-mail traffic can only travel by the intended route through the network." Section "Trojan Software Performing Bulk Mail Abuse": "Software introduced into servers or client computers as a worm or virus by user indiscretion or by some intrusion may act as a proxy or may originate bulk mail on its own."',
  },
  'submission-authenticated-tls': {
    why: "Port 587 is where your users' mail programs hand over outgoing mail, and mail accepted there is relayed to any destination. If it accepts mail without authentication it is an open relay on another port; if it accepts passwords without TLS they can be read on the network and then used by spammers. The guidance cites RFC 2476 for port 587; that RFC was replaced by RFC 4409 and then by RFC 6409, the current standard, and RFC 8314 adds port 465 with TLS from the start of the connection.",
    howToCheck: [
      {
        text: 'Without TLS the server should not offer AUTH in its EHLO reply; after STARTTLS it should.',
        code: 'swaks --server smtp.example.ac.uk --port 587 --quit-after EHLO\nswaks --server smtp.example.ac.uk --port 587 --tls --quit-after EHLO',
      },
      {
        text: 'Without authentication, mail to an outside address must be refused, for example with "530 5.7.0 Authentication required" or "554 5.7.1 Relay access denied".',
        code: 'swaks --server smtp.example.ac.uk --port 587 --tls --from user@example.ac.uk --to someone@example.org --quit-after RCPT',
      },
      {
        text: 'Review the configuration: Postfix service overrides, Exim ports and AUTH advertising, Sendmail daemon options, Exchange client connectors.',
        code: "postconf -P | grep -E '^submissions?/'\nexim -bP daemon_smtp_ports tls_on_connect_ports auth_advertise_hosts\ngrep -n 'Port=submission' /etc/mail/sendmail.mc\nGet-ReceiveConnector | Where-Object { $_.Bindings -match ':587$' } | Format-List Identity,Bindings,AuthMechanism,PermissionGroups,RequireTLS",
      },
    ],
    howToFix: [
      {
        platform: 'postfix',
        steps: [
          {
            text: 'In master.cf, require TLS before authentication and accept only authenticated clients on the submission port (configure smtpd_sasl_type, for example with Dovecot, first). For port 465 add a similar submissions entry with -o smtpd_tls_wrappermode=yes. Then run postfix reload.',
            code: 'submission inet n       -       y       -       -       smtpd\n  -o syslog_name=postfix/submission\n  -o smtpd_tls_security_level=encrypt\n  -o smtpd_sasl_auth_enable=yes\n  -o smtpd_tls_auth_only=yes\n  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject\n  -o smtpd_recipient_restrictions=permit_sasl_authenticated,reject',
          },
        ],
      },
      {
        platform: 'exim',
        steps: [
          {
            text: 'Listen on 465 and 587, advertise AUTH only over TLS, and refuse unauthenticated recipients on the submission ports (put the deny first in the RCPT ACL).',
            code: 'daemon_smtp_ports = 25 : 465 : 587\ntls_on_connect_ports = 465\nauth_advertise_hosts = ${if eq{$tls_in_cipher}{}{}{*}}\n\nacl_check_rcpt:\n  deny    message        = authentication required\n          condition      = ${if or{{eq{$received_port}{587}}{eq{$received_port}{465}}}}\n          !authenticated = *',
          },
        ],
      },
      {
        platform: 'sendmail',
        steps: [
          {
            text: 'In sendmail.mc, require authentication on the submission port (M=a) and refuse plain-text password mechanisms until TLS is active (the p option); this needs Sendmail built with SASL and TLS. Rebuild and restart.',
            code: "DAEMON_OPTIONS(`Port=submission, Name=MSA, M=Ea')dnl\nDAEMON_OPTIONS(`Port=smtps, Name=TLSMTA, M=s')dnl\ndefine(`confAUTH_OPTIONS', `A p')dnl\ndefine(`confAUTH_MECHANISMS', `PLAIN LOGIN')dnl\nTRUST_AUTH_MECH(`PLAIN LOGIN')dnl\n\nmake -C /etc/mail && systemctl restart sendmail",
          },
        ],
      },
      {
        platform: 'exchange',
        steps: [
          {
            text: 'Keep the Client Frontend connector (port 587) for Exchange users only, with basic authentication allowed only after TLS.',
            code: "Set-ReceiveConnector 'EX01\\Client Frontend EX01' -PermissionGroups ExchangeUsers -AuthMechanism 'Tls, Integrated, BasicAuth, BasicAuthRequireTLS'",
          },
        ],
      },
    ],
    source:
      'Section "Relaying Through the Mail or Proxy Servers by Bulk Mailers": "Similar considerations apply to TCP port 587, which RFC 2476 assigns for message submission." Section "General Countermeasures": "… configuring servers to accept connections only as authorised". RFC 2476 has since been replaced by RFC 6409.',
  },
  'servers-accept-only-authorised': {
    why: "A mail server's relay rules decide whose mail it will pass on to the rest of the Internet. If they trust a whole campus range, any infected laptop on that range can send spam through your best-reputed server without a password; if the relay domains include domains you no longer handle, outsiders can route mail through you. Keeping these lists short and exact is what accepting connections only as authorised means for a mail server.",
    howToCheck: [
      {
        text: 'Postfix: show who may relay and for which domains.',
        code: 'postconf mynetworks relay_domains smtpd_relay_restrictions',
      },
      {
        text: 'Exim: show the named lists used for relaying.',
        code: 'exim -bP +relay_from_hosts\nexim -bP +relay_to_domains\nexim -bP +local_domains',
      },
      {
        text: 'Sendmail: show the access database and relay-domains entries.',
        code: "grep -vE '^#|^$' /etc/mail/access\ncat /etc/mail/relay-domains 2>/dev/null",
      },
      {
        text: 'Exchange: show the connectors and which accepted domains are relay domains (InternalRelay or ExternalRelay).',
        code: 'Get-ReceiveConnector | Format-Table Identity,RemoteIPRanges,PermissionGroups,AuthMechanism -AutoSize\nGet-AcceptedDomain | Format-Table DomainName,DomainType',
      },
    ],
    howToFix: [
      {
        platform: 'postfix',
        steps: [
          {
            text: 'List only named hosts in mynetworks, set relay_domains to the domains you are a gateway or backup for (empty if none), and keep reject_unauth_destination in the relay restrictions.',
            code: "postconf -e 'mynetworks = 127.0.0.0/8 [::1]/128 192.0.2.10/32'\npostconf -e 'relay_domains ='\npostconf -e 'smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination'\npostfix reload",
          },
        ],
      },
      {
        platform: 'exim',
        steps: [
          {
            text: 'On Debian and Ubuntu, set the relay hosts and relay domains in /etc/exim4/update-exim4.conf.conf and regenerate; elsewhere edit hostlist relay_from_hosts and domainlist relay_to_domains directly.',
            code: "dc_relay_nets='192.0.2.10'\ndc_relay_domains=''\n\nupdate-exim4.conf && systemctl restart exim4",
          },
        ],
      },
      {
        platform: 'sendmail',
        steps: [
          {
            text: 'List named hosts, not subnets, in the access database, remove stale relay-domains entries, and use the relay_hosts_only feature.',
            code: "FEATURE(`relay_hosts_only')dnl\n\n# /etc/mail/access\nConnect:192.0.2.10      RELAY\n\nmake -C /etc/mail && systemctl restart sendmail",
          },
        ],
      },
      {
        platform: 'exchange',
        steps: [
          {
            text: 'Limit relay connectors to named hosts, and make domains you do not relay for Authoritative.',
            code: "Set-ReceiveConnector 'EX01\\Anonymous Relay' -RemoteIPRanges 192.0.2.10\nSet-AcceptedDomain example.ac.uk -DomainType Authoritative",
          },
        ],
      },
    ],
    source:
      'Section "General Countermeasures": "Ensure that an intruder cannot take control of mail systems by: … configuring servers to accept connections only as authorised"',
  },
  'hosted-relay-connectors': {
    why: "Hosted providers offer relay features so that printers and applications can send mail through them. Set up loosely, for example trusting your whole public range without authentication, any infected machine on that range can send spam through your tenant, using your domain's reputation and the provider's well-regarded addresses. Providers then restrict the tenant, which can stop all your outgoing mail.",
    howToCheck: [
      {
        text: 'Microsoft 365, in Exchange Online PowerShell: each inbound connector from your organisation should identify your systems by a few IP addresses or a certificate name. SMTP AUTH should be off for the organisation and on only for the mailboxes that need it (a mailbox value of False means it is explicitly on).',
        code: 'Get-InboundConnector | Format-List Name,Enabled,ConnectorType,SenderIPAddresses,TlsSenderCertificateName,RequireTls\nGet-TransportConfig | Format-List SmtpClientAuthenticationDisabled\nGet-CASMailbox -ResultSize Unlimited | Where-Object { $_.SmtpClientAuthenticationDisabled -eq $false } | Format-Table PrimarySmtpAddress',
      },
      {
        text: "Google Workspace: in the Admin console, go to Apps, Google Workspace, Gmail, Routing, SMTP relay service. Each entry should allow only addresses in your domains, and either 'Only accept mail from the specified IP addresses' with a short list of your systems, or 'Require SMTP Authentication', with 'Require TLS encryption' on.",
      },
      {
        text: 'From an ordinary machine on your network that is not one of the listed devices, try the relay without authentication; it should be refused.',
        code: 'swaks --server smtp-relay.gmail.com --port 587 --tls --from test@example.ac.uk --to someone@example.org --quit-after RCPT\nswaks --server example-ac-uk.mail.protection.outlook.com --from test@example.ac.uk --to someone@example.org --quit-after RCPT',
      },
    ],
    howToFix: [
      {
        platform: 'hosted',
        steps: [
          {
            text: 'Microsoft 365: make each inbound connector from your organisation identify your systems by certificate or by the few IP addresses of the devices and servers that need it, never a whole campus range. Turn SMTP AUTH off for the organisation and on only for accounts that need it.',
            code: "Set-InboundConnector 'Printers and applications' -SenderIPAddresses 192.0.2.40,192.0.2.41\nSet-TransportConfig -SmtpClientAuthenticationDisabled $true\nSet-CASMailbox -Identity scanner@example.ac.uk -SmtpClientAuthenticationDisabled $false",
          },
          {
            text: "Google Workspace: in the SMTP relay service settings, choose 'Only addresses in my domains' for allowed senders, restrict the entry to the specified IP addresses of your devices or require SMTP authentication, and require TLS encryption.",
          },
        ],
      },
      {
        platform: 'general',
        steps: [
          {
            text: 'Keep a list of every device and application that relays through the provider, with its address and owner, and remove entries for retired devices.',
          },
        ],
      },
    ],
    source:
      'Section "General Countermeasures": "Ensure that an intruder cannot take control of mail systems by: … configuring servers to accept connections only as authorised". Section "Relaying Through the Mail or Proxy Servers by Bulk Mailers": "… examination of possible paths through one or more systems in the network …"',
  },
  'os-updates-prompt': {
    why: 'Most compromises use vulnerabilities for which a fix has already been published; once a fix is out, attackers study it and exploit the flaw within days. A compromised server or workstation is then used to send spam or act as a proxy, whatever your mail model. Prompt patching closes that window.',
    howToCheck: [
      {
        text: 'Debian and Ubuntu: list pending updates.',
        code: 'apt update && apt list --upgradable',
      },
      {
        text: 'Red Hat family: list pending security updates.',
        code: 'dnf check-update --security\ndnf updateinfo list --security',
      },
      {
        text: 'Windows: see when updates were last installed.',
        code: 'Get-HotFix | Sort-Object InstalledOn -Descending | Select-Object -First 5 HotFixID,InstalledOn',
      },
      {
        text: 'For the whole estate, use your patch management reports (for example WSUS, Intune, Landscape or Satellite) rather than checking hosts one by one, and include firewalls, routers and appliances.',
      },
    ],
    howToFix: [
      {
        platform: 'linux',
        steps: [
          {
            text: 'Debian and Ubuntu: install security updates automatically.',
            code: 'apt install unattended-upgrades\ndpkg-reconfigure -plow unattended-upgrades',
          },
          {
            text: 'Red Hat Enterprise Linux 8 and 9 and their derivatives: install updates automatically with dnf-automatic.',
            code: 'dnf install dnf-automatic\nsystemctl enable --now dnf-automatic-install.timer',
          },
        ],
      },
      {
        platform: 'windows',
        steps: [
          {
            text: 'Use Windows Update for Business, WSUS or Intune update rings with installation deadlines, and report on compliance.',
          },
        ],
      },
      {
        platform: 'general',
        steps: [
          {
            text: "Include network devices and appliances (firewalls, routers, printers, storage) in the patch process: subscribe to their vendors' security advisories and schedule firmware updates.",
          },
        ],
      },
    ],
    source:
      'Section "General Countermeasures": "Ensure that an intruder cannot take control of mail systems by: … installing patches and updates promptly for operating systems, mail and other applications and anti-virus software."',
  },
  'mail-software-updated': {
    why: "Mail servers face the Internet and parse input from anyone, so their flaws are exploited quickly and at scale: Exim's CVE-2019-10149 was exploited within days of its disclosure, and on-premises Exchange servers were compromised in large numbers through ProxyLogon in 2021. An unsupported version gets no fixes at all. A mail server taken over in this way is used to send spam and to attack the rest of your network.",
    howToCheck: [
      {
        text: "Show the installed versions and compare them with the vendor's current releases and security announcements.",
        code: 'postconf mail_version\nexim -bV | head -n 1\nsendmail -d0.1 -bt < /dev/null | head -n 1',
      },
      {
        text: 'List pending updates for the mail and filtering packages.',
        code: "apt list --upgradable 2>/dev/null | grep -E 'postfix|exim4|sendmail|clamav|rspamd|spamassassin|dovecot'",
      },
      {
        text: "Exchange: show the build numbers, and run Microsoft's Exchange Health Checker script (HealthChecker.ps1 from the CSS-Exchange project), which reports missing security updates.",
        code: 'Get-ExchangeServer | Format-Table Name,Edition,AdminDisplayVersion',
      },
    ],
    howToFix: [
      {
        platform: 'postfix',
        steps: [
          {
            text: "Install your distribution's Postfix updates, and move to a supported release line before yours reaches end of support.",
            code: 'apt-get install --only-upgrade postfix    # Debian and Ubuntu\ndnf upgrade postfix                       # Red Hat family',
          },
        ],
      },
      {
        platform: 'exim',
        steps: [
          {
            text: 'Install Exim updates as soon as they are published (subscribe to the exim-announce mailing list).',
            code: 'apt-get install --only-upgrade exim4-daemon-light exim4-daemon-heavy    # Debian and Ubuntu\ndnf upgrade exim                                                         # Red Hat family (EPEL)',
          },
        ],
      },
      {
        platform: 'sendmail',
        steps: [
          {
            text: 'Install Sendmail updates from your distribution.',
            code: 'apt-get install --only-upgrade sendmail-bin    # Debian and Ubuntu\ndnf upgrade sendmail                           # Red Hat family',
          },
        ],
      },
      {
        platform: 'exchange',
        steps: [
          {
            text: 'Install each Cumulative Update and Security Update promptly. Exchange Server 2016 and 2019 reached the end of support in October 2025: move to Exchange Server Subscription Edition or to a hosted service.',
            code: '.\\HealthChecker.ps1',
          },
        ],
      },
      {
        platform: 'linux',
        steps: [
          {
            text: 'Update the software around the mail server too: ClamAV, rspamd, SpamAssassin, amavis and Dovecot.',
            code: 'apt list --upgradable',
          },
        ],
      },
    ],
    source:
      'Section "General Countermeasures": "Ensure that an intruder cannot take control of mail systems by: … installing patches and updates promptly for operating systems, mail and other applications and anti-virus software." Section "E-mail and Security Issues": "All too often this will be an old version with known security or configuration problems."',
  },
  'av-software-updated': {
    why: 'Anti-virus programs have vulnerabilities of their own, and because they open hostile files with high privileges, a flaw in one is serious. Old versions also stop receiving signatures: the ClamAV download service, for example, refuses outdated versions, so an unpatched scanner quietly stops protecting you. Keeping signatures current is covered separately in the Malware section.',
    howToCheck: [
      {
        text: 'Windows: show the Defender engine and platform versions and compare them with the current ones in your management console.',
        code: 'Get-MpComputerStatus | Select-Object AMEngineVersion,AMProductVersion,AMServiceVersion',
      },
      {
        text: 'ClamAV: show the version, and look for "OUTDATED" warnings or refused downloads in the update log.',
        code: "clamscan --version\njournalctl -u clamav-freshclam --since '7 days ago' | grep -iE 'outdated|error|403|429'",
      },
    ],
    howToFix: [
      {
        platform: 'linux',
        steps: [
          {
            text: 'Install ClamAV updates from your distribution (or the ClamAV project) and move off a version before it reaches end of life. If many hosts run ClamAV, run a local signature mirror (for example with cvdupdate) so they do not hit the download service rate limits.',
            code: 'apt-get install --only-upgrade clamav clamav-daemon clamav-freshclam',
          },
        ],
      },
      {
        platform: 'windows',
        steps: [
          {
            text: 'Let Microsoft Defender platform and engine updates install through Windows Update, WSUS or Intune, and report on devices whose platform version falls behind.',
          },
        ],
      },
      {
        platform: 'general',
        steps: [
          {
            text: 'For commercial endpoint products, keep agents on a supported version through the management console and renew licences before they lapse; an expired licence often stops updates silently.',
          },
        ],
      },
    ],
    source:
      'Section "General Countermeasures": "Ensure that an intruder cannot take control of mail systems by: … installing patches and updates promptly for operating systems, mail and other applications and anti-virus software."',
  },
  'unnecessary-services-disabled': {
    why: 'Each listening service is a possible way in, and intruders who get in through a forgotten service then use the machine to send spam or run a proxy. Services nobody needs are also the ones nobody patches. The guidance names disabling unnecessary services as one of its general countermeasures.',
    howToCheck: [
      {
        text: 'Linux: list listening sockets and services enabled at boot.',
        code: 'ss -ltnup\nsystemctl list-unit-files --type=service --state=enabled',
      },
      {
        text: 'Windows: list listening ports and running services.',
        code: "Get-NetTCPConnection -State Listen | Sort-Object LocalPort -Unique | Select-Object LocalAddress,LocalPort,OwningProcess\nGet-Service | Where-Object Status -eq 'Running'",
      },
      {
        text: 'From outside and inside, scan your ranges and compare what answers with what each host should offer.',
        code: 'nmap -Pn --open 192.0.2.0/24',
      },
    ],
    howToFix: [
      {
        platform: 'linux',
        steps: [
          {
            text: 'Stop and disable services a host does not need; for example, on a server that needs none of them. Disable the .socket units too: a socket-activated service (avahi-daemon, rpcbind) otherwise starts again at the first connection. Check afterwards with ss -tulpn.',
            code: 'systemctl disable --now cups-browsed.service avahi-daemon.service avahi-daemon.socket rpcbind.service rpcbind.socket',
          },
        ],
      },
      {
        platform: 'windows',
        steps: [
          {
            text: 'Stop and disable unneeded services, preferably through Group Policy or Intune so the change sticks; for example:',
            code: 'Stop-Service RemoteRegistry; Set-Service RemoteRegistry -StartupType Disabled',
          },
        ],
      },
      {
        platform: 'firewall',
        steps: [
          {
            text: 'Block at the border every service that is not meant to be reached from outside.',
          },
        ],
      },
      {
        platform: 'general',
        steps: [
          {
            text: 'Keep a standard build for each role that lists the services it should run, and compare regular scans with it.',
          },
        ],
      },
    ],
    source:
      'Section "General Countermeasures": "Ensure that an intruder cannot take control of mail systems by: … disabling unnecessary services on servers and workstations"',
  },
  'patch-timescale-documented': {
    why: 'The guidance says "promptly", which means different things to different people until it is written down. A stated timescale lets you plan maintenance windows, shows managers when patching slips, and gives auditors something to check against. Cyber Essentials, which many UK public-sector and research contracts require, asks for critical and high-risk updates within 14 days of release.',
    howToCheck: [
      {
        text: 'Find the written policy or standard that sets the timescale, and who owns it.',
      },
      {
        text: 'Compare it with what happens: when were updates last installed on a sample of hosts?',
        code: "grep -h 'Start-Date' /var/log/apt/history.log | tail -n 3\ndnf history list | head -n 5\nGet-HotFix | Sort-Object InstalledOn -Descending | Select-Object -First 3 HotFixID,InstalledOn",
      },
    ],
    howToFix: [
      {
        platform: 'general',
        steps: [
          {
            text: 'Write a short patching standard: critical and high-risk updates (CVSS 7 or above, or as the vendor rates them) within 14 days of release; other updates within a set period such as 30 days; an emergency route for vulnerabilities that are being actively exploited; and exceptions recorded with an owner and an end date. Report compliance monthly.',
          },
        ],
      },
    ],
    source:
      'Good practice, not stated in the guidance, which says only "promptly". Section "General Countermeasures": "… installing patches and updates promptly for operating systems, mail and other applications and anti-virus software." The 14-day figure comes from the Cyber Essentials requirements, not from the guidance.',
  },
  'dnsbl-at-mta': {
    why: 'A large share of spam comes from addresses that block lists already know: infected home computers and networks used by spam operations. Refusing those connections at the start is cheap, happens before any message is accepted, and leaves the sending server (not you) to deal with the refusal. It also takes load off your content filters.',
    howToCheck: [
      {
        text: 'See whether, and which, lists are configured.',
        code: "postconf -n | grep -E 'reject_rbl_client|postscreen_dnsbl_sites'\nexim -bP config | grep -n dnslists\ngrep -nE 'dnsbl|enhdnsbl' /etc/mail/sendmail.mc",
      },
      {
        text: 'Exchange: show the IP block list providers used by connection filtering.',
        code: 'Get-IPBlockListProvider | Format-Table Name,LookupDomain,Enabled,IPAddressesMatch\nGet-IPBlockListProvidersConfig | Format-List Enabled',
      },
      {
        text: 'Check in the logs that lookups are actually refusing mail (Postfix logs "blocked using" with the list name).',
        code: "grep -c 'blocked using' /var/log/mail.log",
      },
    ],
    howToFix: [
      {
        platform: 'postfix',
        steps: [
          {
            text: 'Add the check after reject_unauth_destination and after the permits for your own users, so people sending from home (whose addresses are often on the Spamhaus PBL) are not refused. The =127.0.0.[2..11] filter matters: without it, Spamhaus error answers (127.255.255.x) count as listings and Postfix refuses mail from everyone.',
            code: 'smtpd_recipient_restrictions =\n    permit_mynetworks,\n    permit_sasl_authenticated,\n    reject_unauth_destination,\n    reject_rbl_client zen.spamhaus.org=127.0.0.[2..11]',
          },
          {
            text: 'Alternatively, use postscreen in front of port 25 only (never in front of submission), which scores several lists before a connection reaches smtpd. In master.cf, comment out the smtp line for smtpd and enable the postscreen, smtpd pass, dnsblog and tlsproxy lines.',
            code: 'postscreen_dnsbl_sites = zen.spamhaus.org=127.0.0.[2..11]*3 bl.spamcop.net=127.0.0.2*1\npostscreen_dnsbl_threshold = 3\npostscreen_dnsbl_action = enforce\npostscreen_greet_action = enforce',
          },
        ],
      },
      {
        platform: 'exim',
        steps: [
          {
            text: "Refuse listed clients in the RCPT ACL, after the accept statements for relay hosts and authenticated users, listing the answers that count as listed. Debian's CHECK_RCPT_IP_DNSBLS macro only adds a warning header; to refuse, put a deny statement like this in a file named by CHECK_RCPT_LOCAL_ACL_FILE.",
            code: '  deny    !authenticated = *\n          !hosts         = +relay_from_hosts\n          dnslists       = zen.spamhaus.org=127.0.0.2,127.0.0.3,127.0.0.4,127.0.0.9,127.0.0.10,127.0.0.11\n          message        = Rejected: $sender_host_address is listed at $dnslist_domain',
          },
        ],
      },
      {
        platform: 'sendmail',
        steps: [
          {
            text: 'Use the enhdnsbl feature, which accepts only the listed answers (each with a trailing dot) and, with t, defers mail when the lookup fails temporarily. It checks IPv4 clients. Rebuild and restart afterwards.',
            code: "FEATURE(`enhdnsbl', `zen.spamhaus.org', `', `t', `127.0.0.2.', `127.0.0.3.', `127.0.0.4.', `127.0.0.9.', `127.0.0.10.', `127.0.0.11.')dnl\n\nmake -C /etc/mail && systemctl restart sendmail",
          },
        ],
      },
      {
        platform: 'exchange',
        steps: [
          {
            text: 'Connection filtering runs on Edge Transport servers, or on Mailbox servers after the anti-spam agents are installed (Install-AntiSpamAgents.ps1). Add the provider with the answers that count as listed.',
            code: "Add-IPBlockListProvider -Name 'Spamhaus ZEN' -LookupDomain zen.spamhaus.org -IPAddressesMatch 127.0.0.2,127.0.0.3,127.0.0.4,127.0.0.9,127.0.0.10,127.0.0.11\nSet-IPBlockListProvidersConfig -Enabled $true",
          },
        ],
      },
      {
        platform: 'general',
        steps: [
          {
            text: 'Start with one well-run list, such as Spamhaus ZEN through the Janet mirror or a Spamhaus Data Query Service key (see the next control), watch the effect in your logs, and add others only deliberately.',
          },
        ],
      },
    ],
    source:
      'Section "Unsolicited Bulk E-mail for their Own Users": "Consider configuring the mail server to consult one or more DNS Block Lists about the source IP address before accepting each connection. The Janet mirror of the MAPS RBL+ is one such list conveniently available for organisations connected to Janet."',
  },
  'dnsbl-permitted-resolver': {
    why: "Spamhaus refuses queries that reach it through public resolvers. Through some (such as Cloudflare's) the answer is an error code, 127.255.255.254, which a server without an answer filter treats as a listing and so refuses everyone's mail; through Google's the answer is simply 'not listed' for every address, so the check silently does nothing. Other lists require the querying resolver to be registered, or a key. Either way, the protection you think you have is not there.",
    howToCheck: [
      {
        text: "See which resolver the mail server uses. It should be your own recursive resolver (on the host or in your network), and that resolver must not forward queries to a public one. On Debian and Ubuntu, Postfix's smtpd runs chrooted and reads its own copy of resolv.conf.",
        code: 'cat /etc/resolv.conf\ncat /var/spool/postfix/etc/resolv.conf 2>/dev/null',
      },
      {
        text: 'Query the test points every list must answer (RFC 5782): 127.0.0.2 must be listed and 127.0.0.1 must not. Expected: the first query gives addresses such as 127.0.0.2, 127.0.0.4 and 127.0.0.10, the second gives nothing. 127.255.255.254 means the query reached Spamhaus through a public or open resolver; 127.255.255.255 means too many queries; no answer to the first means the lookup is blocked or broken.',
        code: 'dig +short 2.0.0.127.zen.spamhaus.org A\ndig +short 1.0.0.127.zen.spamhaus.org A',
      },
      {
        text: "If you use Jisc's Janet mirrors, run the same test-point queries against the mirror zone named on Jisc's DNS allow and deny lists page, from the mail server. The mirrors answer only resolvers on Janet.",
      },
    ],
    howToFix: [
      {
        platform: 'linux',
        steps: [
          {
            text: "Run a recursive resolver on the mail server, or use your organisation's own. Unbound's default configuration does the recursion itself; do not add a forward-zone pointing to a public resolver. If systemd-resolved manages /etc/resolv.conf, set DNS=127.0.0.1 in /etc/systemd/resolved.conf instead. On Debian and Ubuntu, restart Postfix afterwards so its chrooted copy of resolv.conf is refreshed.",
            code: "apt install unbound\necho 'nameserver 127.0.0.1' > /etc/resolv.conf\nsystemctl restart postfix",
          },
        ],
      },
      {
        platform: 'postfix',
        steps: [
          {
            text: "If you cannot use your own resolver or the Janet mirror, use a Spamhaus Data Query Service key: query your key's zone, and hide the key in rejection messages with rbl_reply_maps (and postscreen_dnsbl_reply_map for postscreen).",
            code: 'reject_rbl_client yourkey.zen.dq.spamhaus.net=127.0.0.[2..11]\n\nrbl_reply_maps = texthash:/etc/postfix/rbl_reply\n# /etc/postfix/rbl_reply\nyourkey.zen.dq.spamhaus.net  $rbl_code Service unavailable; $rbl_class [$rbl_what] blocked using zen.spamhaus.org',
          },
        ],
      },
      {
        platform: 'exim',
        steps: [
          {
            text: "With a Data Query Service key, query your key's zone, and keep $dnslist_domain (which contains the key) out of the rejection message.",
            code: '          dnslists = yourkey.zen.dq.spamhaus.net=127.0.0.2,127.0.0.3,127.0.0.4,127.0.0.9,127.0.0.10,127.0.0.11\n          message  = Rejected: $sender_host_address is listed at zen.spamhaus.org',
          },
        ],
      },
      {
        platform: 'sendmail',
        steps: [
          {
            text: "With a Data Query Service key, query your key's zone and give your own rejection message so the key is not sent to clients.",
            code: "FEATURE(`enhdnsbl', `yourkey.zen.dq.spamhaus.net', `\"554 Rejected: \" $&{client_addr} \" listed at zen.spamhaus.org\"', `t', `127.0.0.2.', `127.0.0.3.', `127.0.0.4.', `127.0.0.9.', `127.0.0.10.', `127.0.0.11.')dnl",
          },
        ],
      },
      {
        platform: 'general',
        steps: [
          {
            text: "Choose one route: your own recursive resolver (free use within the list operators' terms), Jisc's Janet mirrors from a Janet-connected resolver, or a Data Query Service key. Repeat the test-point queries after any DNS change.",
          },
        ],
      },
    ],
    source:
      'Good practice, not stated in the guidance; it makes this passage work as intended. Section "Unsolicited Bulk E-mail for their Own Users": "Consider configuring the mail server to consult one or more DNS Block Lists about the source IP address before accepting each connection. The Janet mirror of the MAPS RBL+ is one such list conveniently available for organisations connected to Janet." (The MAPS RBL+ is now Trend Micro Email Reputation Services; Jisc now mirrors Spamhaus ZEN, URIBL and DNSWL for Janet-connected resolvers.)',
  },
  'dnsbl-lists-reviewed': {
    why: 'Lists differ widely in what they list and how readily they remove entries, and the guidance itself warns that some lists are controversial. Lists also close: SORBS shut down in June 2024 and NiX Spam in January 2025, and a closed list may be changed so that every address looks listed, which would make your server refuse all mail. Watching the rejections in your logs shows whether a list is blocking mail your users want.',
    howToCheck: [
      {
        text: "List the zones your servers query and compare them with the lists' current status. Remove any sorbs.net and ix.dnsbl.manitu.net (NiX Spam) entries, and check any reference to the old Janet mirror of the MAPS RBL+ against Jisc's current DNS allow and deny lists page.",
        code: "postconf -n | grep -oE '(reject_rbl_client|postscreen_dnsbl_sites)[^,]*'\nexim -bP config | grep -n dnslists\ngrep -nE 'dnsbl|enhdnsbl' /etc/mail/sendmail.mc\ngrep -rnE 'sorbs\\.net|manitu\\.net|mail-abuse' /etc/postfix /etc/exim4 /etc/mail 2>/dev/null",
      },
      {
        text: 'Count rejections per list over a week and read a sample. A list that refuses mail from your partners or large, legitimate providers needs a closer look.',
        code: "grep -oE 'blocked using [^;,]+' /var/log/mail.log | sort | uniq -c | sort -rn",
      },
      {
        text: 'For each list, query the test point 127.0.0.1, which must not be listed; an answer means the list is broken or answering everything.',
        code: 'for z in zen.spamhaus.org bl.spamcop.net; do echo "$z: $(dig +short 1.0.0.127.$z A)"; done',
      },
    ],
    howToFix: [
      {
        platform: 'postfix',
        steps: [
          {
            text: 'Remove dead lists, filter each list to its documented answers, and exempt wrongly listed partners with a client access table checked before the lists.',
            code: 'smtpd_recipient_restrictions =\n    permit_mynetworks,\n    permit_sasl_authenticated,\n    reject_unauth_destination,\n    check_client_access cidr:/etc/postfix/dnsbl_exceptions.cidr,\n    reject_rbl_client zen.spamhaus.org=127.0.0.[2..11]\n\n# /etc/postfix/dnsbl_exceptions.cidr\n203.0.113.10/32    OK',
          },
        ],
      },
      {
        platform: 'exim',
        steps: [
          {
            text: 'Remove dead lists from the dnslists conditions and exempt wrongly listed partners with a host list read from a file.',
            code: '          !hosts         = net-iplsearch;/etc/exim4/dnsbl_exceptions',
          },
        ],
      },
      {
        platform: 'sendmail',
        steps: [
          {
            text: 'Remove dnsbl and enhdnsbl lines for dead lists. An OK entry for an address in the access database exempts it from the block-list checks. Rebuild and restart.',
            code: '# /etc/mail/access\nConnect:203.0.113.10    OK\n\nmake -C /etc/mail && systemctl restart sendmail',
          },
        ],
      },
      {
        platform: 'exchange',
        steps: [
          {
            text: 'Remove providers for dead lists and add wrongly listed partners to the IP allow list.',
            code: "Remove-IPBlockListProvider 'SORBS'\nAdd-IPAllowListEntry -IPAddress 203.0.113.10",
          },
        ],
      },
      {
        platform: 'general',
        steps: [
          {
            text: "Record which lists you use and why, review the choice at least yearly, and follow the operators' announcements so that a list closing does not take you by surprise.",
          },
        ],
      },
    ],
    source:
      'Good practice, not stated in the guidance, which warns: "The policies and methods of some other lists are more controversial." Section "Unsolicited Bulk E-mail for their Own Users": "Consider configuring the mail server to consult one or more DNS Block Lists …"',
  },
  'content-filtering': {
    why: 'Block lists stop known bad senders, but much unwanted bulk mail comes from legitimate services or newly abused ones. Content filters score each message on its patterns and the reputation of what it links to, and file or refuse the worst. Where central filtering would be too blunt, letting users set their own server-side rules and junk-mail settings gives them control over the rest.',
    howToCheck: [
      {
        text: 'See whether a content filter is connected to the mail server.',
        code: 'postconf smtpd_milters non_smtpd_milters content_filter\nexim -bP spamd_address\ngrep -n INPUT_MAIL_FILTER /etc/mail/sendmail.mc',
      },
      {
        text: "Send the GTUBE test string, a harmless pattern that SpamAssassin treats as spam (check your filter's documentation for its handling of GTUBE), and see whether it is tagged or refused.",
        code: "swaks --server mx.example.ac.uk --from test@example.com --to you@example.ac.uk --body 'XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X'",
      },
      {
        text: 'Microsoft 365: review the anti-spam policies in Exchange Online PowerShell or the Microsoft Defender portal; Google Workspace: review the spam settings in the Admin console.',
        code: 'Get-HostedContentFilterPolicy | Format-List Name,SpamAction,HighConfidenceSpamAction,BulkThreshold',
      },
      {
        text: 'Check that users can create server-side rules (Sieve through Dovecot ManageSieve, Outlook rules, Gmail filters) and know how to.',
      },
    ],
    howToFix: [
      {
        platform: 'postfix',
        steps: [
          {
            text: 'Connect rspamd (its proxy worker listens as a milter on port 11332) or SpamAssassin through a milter.',
            code: 'smtpd_milters = inet:127.0.0.1:11332\nnon_smtpd_milters = $smtpd_milters\nmilter_protocol = 6\nmilter_default_action = accept',
          },
        ],
      },
      {
        platform: 'exim',
        steps: [
          {
            text: "Use Exim's content scanning (on Debian, the exim4-daemon-heavy package) with rspamd, or with spamd on port 783 for SpamAssassin. In the DATA ACL, tag all mail and refuse high scores ($spam_score_int is the score times ten).",
            code: 'spamd_address = 127.0.0.1 11333 variant=rspamd\n\nacl_check_data:\n  warn    spam       = nobody:true\n          add_header = X-Spam-Score: $spam_score\n  deny    spam       = nobody:true\n          condition  = ${if >{$spam_score_int}{150}}\n          message    = This message was classified as spam',
          },
        ],
      },
      {
        platform: 'sendmail',
        steps: [
          {
            text: 'Connect rspamd (or a SpamAssassin milter) as a mail filter, then rebuild and restart.',
            code: "INPUT_MAIL_FILTER(`rspamd', `S=inet:11332@127.0.0.1, T=S:1m;R:1m')dnl",
          },
        ],
      },
      {
        platform: 'exchange',
        steps: [
          {
            text: 'Install and enable the anti-spam agents including content filtering, or put a filtering gateway in front of Exchange.',
            code: '& $env:ExchangeInstallPath\\Scripts\\Install-AntiSpamAgents.ps1\nSet-ContentFilterConfig -Enabled $true',
          },
        ],
      },
      {
        platform: 'hosted',
        steps: [
          {
            text: "Set the provider's anti-spam policies to move spam to the junk folder and quarantine high-confidence spam and phishing; in Microsoft 365 the Standard or Strict preset security policies are a sound start.",
          },
        ],
      },
      {
        platform: 'linux',
        steps: [
          {
            text: "Offer server-side rules for users: Dovecot's Pigeonhole Sieve plugin with ManageSieve lets users manage their filters from mail programs and webmail.",
            code: 'apt install dovecot-sieve dovecot-managesieved',
          },
        ],
      },
    ],
    source:
      'Section "Unsolicited Bulk E-mail for their Own Users": "Consider central filtering of incoming messages by pattern matching, or support so that the users can filter their own mail."',
  },
  'av-scan-at-mail-server': {
    why: 'Scanning at the server protects every recipient at once, including people whose own devices are unmanaged or out of date, and stops infected messages before anyone can open them. It also lets you block a new outbreak centrally within minutes. Malware delivered by mail is a common first step towards a machine that later sends spam or acts as a proxy.',
    howToCheck: [
      {
        text: 'From outside, send the EICAR test file (a harmless file every scanner detects; download it from eicar.org) to a mailbox you control, and check it is refused or quarantined.',
        code: 'swaks --server mx.example.ac.uk --from test@example.com --to you@example.ac.uk --attach - < eicar.com.txt',
      },
      {
        text: 'See whether a scanner is connected to the mail server.',
        code: 'postconf smtpd_milters content_filter\nexim -bP av_scanner\ngrep -n INPUT_MAIL_FILTER /etc/mail/sendmail.mc',
      },
      {
        text: 'Exchange: check that malware filtering is not bypassed.',
        code: 'Get-MalwareFilteringServer | Format-List Identity,BypassFiltering',
      },
    ],
    howToFix: [
      {
        platform: 'postfix',
        steps: [
          {
            text: "Connect clamav-milter. A TCP socket avoids the socket-path problems of Postfix's chroot. With milter_default_action = tempfail, mail waits rather than passing unscanned if the scanner is down.",
            code: '# /etc/clamav/clamav-milter.conf\nMilterSocket inet:7357@127.0.0.1\nOnInfected Reject\n\n# /etc/postfix/main.cf\nsmtpd_milters = inet:127.0.0.1:7357\nmilter_default_action = tempfail',
          },
        ],
      },
      {
        platform: 'exim',
        steps: [
          {
            text: "Use Exim's built-in malware scanning with clamd (on Debian, the exim4-daemon-heavy package) and refuse infected messages in the DATA ACL.",
            code: 'av_scanner = clamd:/var/run/clamav/clamd.ctl\n\nacl_check_data:\n  deny    malware = *\n          message = This message contains malware ($malware_name)',
          },
        ],
      },
      {
        platform: 'sendmail',
        steps: [
          {
            text: 'Connect clamav-milter as a mail filter (F=T defers mail if the scanner is unavailable), then rebuild and restart.',
            code: "INPUT_MAIL_FILTER(`clamav', `S=inet:7357@127.0.0.1, F=T, T=S:4m;R:4m')dnl",
          },
        ],
      },
      {
        platform: 'exchange',
        steps: [
          {
            text: 'Enable the built-in anti-malware scanning and make sure it is not bypassed (restart the Transport service afterwards).',
            code: '& $env:ExchangeInstallPath\\Scripts\\Enable-AntimalwareScanning.ps1\nSet-MalwareFilteringServer -Identity EX01 -BypassFiltering $false',
          },
        ],
      },
    ],
    source:
      'Section "Introduction of Viruses and Other Malicious Software Through E-mail": "If possible, use anti-virus software to scan incoming messages both at the mail server and on client computers …"',
  },
  'av-on-clients': {
    why: 'Not all malware comes through your mail server: it arrives by web downloads, USB sticks, encrypted attachments no server could open, and personal webmail. Real-time scanning on the computer is the last defence before the file runs. Infected computers are the usual source of spam and proxy abuse from a network, whoever provides your mail.',
    howToCheck: [
      {
        text: 'Windows: check that Defender (or your product) is running with real-time protection.',
        code: 'Get-MpComputerStatus | Select-Object AMServiceEnabled,AntivirusEnabled,RealTimeProtectionEnabled',
      },
      {
        text: "Linux: check that the scanner services are running (or use your endpoint product's status command).",
        code: 'systemctl is-active clamav-daemon clamav-freshclam',
      },
      {
        text: 'Across the estate, use your endpoint management report of devices without active protection.',
      },
    ],
    howToFix: [
      {
        platform: 'windows',
        steps: [
          {
            text: 'Turn on Microsoft Defender Antivirus real-time protection (or deploy your chosen product) through Group Policy or Intune, and prevent users switching it off.',
            code: 'Set-MpPreference -DisableRealtimeMonitoring $false',
          },
        ],
      },
      {
        platform: 'linux',
        steps: [
          {
            text: 'Install your endpoint protection product; ClamAV provides scanning and, with clamonacc, on-access scanning.',
            code: 'apt install clamav clamav-daemon',
          },
        ],
      },
      {
        platform: 'general',
        steps: [
          {
            text: 'Make anti-virus part of the build standard for every managed device, including macOS, and report on devices without it.',
          },
        ],
      },
    ],
    source:
      'Section "Introduction of Viruses and Other Malicious Software Through E-mail": "If possible, use anti-virus software to scan incoming messages both at the mail server and on client computers …"',
  },
  'av-signatures-current': {
    why: 'New malware appears every day, and a scanner is only as good as its latest signatures: a week-old database misses the current campaigns. Updates fail silently (an expired licence, a blocked download, an unsupported version), so their freshness has to be checked, not assumed.',
    howToCheck: [
      {
        text: 'Windows: AntivirusSignatureAge is in days and should be 0 or 1.',
        code: 'Get-MpComputerStatus | Select-Object AntivirusSignatureLastUpdated,AntivirusSignatureAge',
      },
      {
        text: 'ClamAV: the version line ends with the signature version and date; the update log shows recent downloads.',
        code: "clamscan --version\njournalctl -u clamav-freshclam --since '2 days ago' | tail -n 20",
      },
    ],
    howToFix: [
      {
        platform: 'linux',
        steps: [
          {
            text: 'Run freshclam as a service so signatures update several times a day, and alert if they are more than two days old.',
            code: 'systemctl enable --now clamav-freshclam',
          },
        ],
      },
      {
        platform: 'windows',
        steps: [
          {
            text: 'Update signatures through Windows Update, WSUS or Intune; force an update on a machine that has fallen behind.',
            code: 'Update-MpSignature',
          },
        ],
      },
      {
        platform: 'general',
        steps: [
          {
            text: 'In your management console, alert on devices whose signatures are more than two days old, and follow up each one.',
          },
        ],
      },
    ],
    source:
      'Section "Introduction of Viruses and Other Malicious Software Through E-mail": "If possible, use anti-virus software to scan incoming messages both at the mail server and on client computers; keep it up to date …"',
  },
  'regular-full-scans': {
    why: 'Real-time scanning checks files when they are used, with the signatures of that moment, so malware that was unknown when it arrived can sit unnoticed until a later scan with newer signatures finds it. The guidance asks for regular scans of all computers because viruses may arrive by routes other than e-mail.',
    howToCheck: [
      {
        text: 'Windows: see when the last full scan ran (FullScanAge is in days).',
        code: 'Get-MpComputerStatus | Select-Object FullScanAge,FullScanEndTime,QuickScanAge',
      },
      {
        text: 'Linux: look for a scheduled scan.',
        code: 'systemctl list-timers | grep -i scan\ngrep -rli clam /etc/cron* 2>/dev/null',
      },
    ],
    howToFix: [
      {
        platform: 'windows',
        steps: [
          {
            text: 'Schedule a weekly full scan through Group Policy or Intune, or locally:',
            code: 'Set-MpPreference -ScanParameters FullScan -ScanScheduleDay Sunday -ScanScheduleTime 02:00:00',
          },
        ],
      },
      {
        platform: 'linux',
        steps: [
          {
            text: 'Schedule a weekly scan of the places files arrive, for example in /etc/cron.d/clamav-weekly:',
            code: '0 2 * * 0 root clamdscan --multiscan --fdpass --infected --log=/var/log/clamav/weekly-scan.log /home /srv /var/www',
          },
        ],
      },
      {
        platform: 'general',
        steps: [
          {
            text: 'Stagger scans on shared virtual hosts to avoid load peaks, and make sure someone reads the results.',
          },
        ],
      },
    ],
    source:
      'Section "Introduction of Viruses and Other Malicious Software Through E-mail": "… keep it up to date and regularly scan all the computers as viruses may arrive by routes other than e-mail."',
  },
  'mail-activity-baseline': {
    why: 'Relay abuse, a compromised account or a mail loop shows first as numbers out of the ordinary: the queue grows, outbound messages per hour jump, or rejections and bounces pile up. Without a record of normal levels, nobody can tell whether 5,000 queued messages is a busy Monday or an incident. The baseline is also what alert thresholds are set from.',
    howToCheck: [
      {
        text: "Postfix: the current queue, and a summary of yesterday's traffic.",
        code: 'postqueue -p | tail -n 1\npflogsumm -d yesterday /var/log/mail.log | head -n 40',
      },
      {
        text: 'Exim: the queue count and a summary of the main log.',
        code: 'exim -bpc\neximstats /var/log/exim4/mainlog | head -n 40',
      },
      {
        text: 'Sendmail: the queue and per-mailer message counts.',
        code: 'mailq | tail -n 1\nmailstats',
      },
      {
        text: 'Exchange: queue sizes and the number of messages sent in the last hour.',
        code: 'Get-Queue | Format-Table Identity,Status,MessageCount -AutoSize\n(Get-MessageTrackingLog -Start (Get-Date).AddHours(-1) -EventId SEND -ResultSize Unlimited | Measure-Object).Count',
      },
    ],
    howToFix: [
      {
        platform: 'postfix',
        steps: [
          {
            text: 'Record the queue size every few minutes into your monitoring system (for example with this cron entry, or an exporter for your monitoring tool), and keep several weeks of history.',
            code: '*/5 * * * * root echo "$(date +\\%FT\\%R) $(postqueue -j | wc -l)" >> /var/log/mailq-size.log',
          },
        ],
      },
      {
        platform: 'exim',
        steps: [
          {
            text: 'Record the queue count regularly, and keep the daily eximstats summaries.',
            code: '*/5 * * * * root echo "$(date +\\%FT\\%R) $(exim -bpc)" >> /var/log/mailq-size.log',
          },
        ],
      },
      {
        platform: 'sendmail',
        steps: [
          {
            text: 'Record the queue summary regularly, and keep daily mailstats output.',
            code: '*/5 * * * * root echo "$(date +\\%FT\\%R) $(mailq | tail -n 1)" >> /var/log/mailq-size.log',
          },
        ],
      },
      {
        platform: 'exchange',
        steps: [
          {
            text: 'Chart queue sizes (Get-Queue) and message tracking counts in your monitoring tool.',
          },
        ],
      },
      {
        platform: 'general',
        steps: [
          {
            text: 'Write the baseline down: typical and peak messages per hour in each direction, typical queue size and typical rejection rate. Review it each term, because the academic calendar changes the pattern.',
          },
        ],
      },
    ],
    source:
      'Section "Specific Threats and Countermeasures": "Monitor the service to establish what is a normal level of activity, and to recognise signs of overload before they cause difficulty."',
  },
  'overload-alerts': {
    why: 'A relay or a compromised account can push tens of thousands of messages out in an hour; by the time users complain that mail is slow, the damage to your reputation is done. An alert on queue growth or an unusual sending rate lets you act while the problem is still small.',
    howToCheck: [
      {
        text: 'Check that a monitoring check exists for the mail queue with thresholds, for example the check_mailq plugin used by Nagios and Icinga (-M chooses postfix, exim or sendmail).',
        code: '/usr/lib/nagios/plugins/check_mailq -w 200 -c 1000 -M postfix',
      },
      {
        text: 'Check the free space on the mail spool.',
        code: 'df -h /var/spool/postfix /var/spool/exim4 /var/spool/mqueue 2>/dev/null',
      },
      {
        text: 'Exchange: look for back-pressure events, which mean the transport service is short of resources.',
        code: "Get-WinEvent -FilterHashtable @{LogName='Application'; ProviderName='MSExchangeTransport'; Id=15004,15006,15007} -MaxEvents 20",
      },
      {
        text: 'Test the alert: lower the threshold for a moment, or hold a few test messages, and confirm the alert reaches a person.',
      },
    ],
    howToFix: [
      {
        platform: 'postfix',
        steps: [
          {
            text: 'Alert on queue size with check_mailq or your monitoring tool. To limit the damage from a compromised account, also cap how many messages one client address may send per minute on the submission port.',
            code: '# in master.cf, under the submission service\n  -o smtpd_client_message_rate_limit=100',
          },
        ],
      },
      {
        platform: 'exim',
        steps: [
          {
            text: 'Alert on queue size (check_mailq -M exim). To contain a compromised account, limit recipients per authenticated user per hour in the RCPT ACL.',
            code: '  deny    authenticated = *\n          ratelimit     = 100 / 1h / strict / per_rcpt / $authenticated_id\n          message       = sending rate limit exceeded',
          },
        ],
      },
      {
        platform: 'sendmail',
        steps: [
          {
            text: 'Alert on queue size with check_mailq -M sendmail or your monitoring tool, and on spool disk space.',
            code: '/usr/lib/nagios/plugins/check_mailq -w 200 -c 1000 -M sendmail',
          },
        ],
      },
      {
        platform: 'exchange',
        steps: [
          {
            text: 'Alert on MSExchangeTransport back-pressure events (15004, 15006, 15007) and on queue lengths from Get-Queue in your monitoring tool.',
          },
        ],
      },
      {
        platform: 'general',
        steps: [
          {
            text: 'Set thresholds from your baseline, send alerts to a queue that someone watches, including out of hours, and write down what the person receiving the alert should do first.',
          },
        ],
      },
    ],
    source:
      'Section "Specific Threats and Countermeasures": "Monitor the service to establish what is a normal level of activity, and to recognise signs of overload before they cause difficulty."',
  },
  'disconnect-procedure-documented': {
    why: 'During relay abuse or a compromise, every minute the server keeps sending adds spam and reputation damage, but staff hesitate when they are not sure what disconnecting will break. Other mail servers keep retrying deliveries to you for several days, so a short, deliberate disconnection loses no incoming mail. A written procedure turns a stressful improvisation into a checklist anyone on call can follow.',
    howToCheck: [
      {
        text: 'Find the document and check that it names who may authorise disconnection, the exact firewall change or commands, how to hold outgoing mail rather than delete it, how to tell users, Janet CSIRT and block-list operators, and how to reconnect.',
      },
      {
        text: 'Check that the commands in it still work on the current systems, for example on a test server or during planned maintenance, and that the firewall rules it refers to exist.',
        code: "nft list ruleset | grep -n 'dport 25'",
      },
      {
        text: 'Check when the procedure was last rehearsed or used, and what was learned.',
      },
    ],
    howToFix: [
      {
        platform: 'general',
        steps: [
          {
            text: 'Write the procedure as a checklist: decide (who may authorise it), contain (stop outbound delivery or block port 25 at the firewall), preserve (hold the queue and keep the logs), communicate (users, Janet CSIRT, anyone who reported the problem), repair, retest, and reconnect. Keep a copy where it can be read when the mail service is down.',
          },
        ],
      },
      {
        platform: 'postfix',
        steps: [
          {
            text: 'Stop outbound delivery while still accepting mail, hold the queue, and undo it all afterwards.',
            code: "postconf -e 'defer_transports = smtp' && postfix reload    # stop delivering to other networks\npostsuper -h ALL                                           # hold everything queued\npostfix stop                                               # or stop completely\n# afterwards, once the spam is removed:\npostconf -e 'defer_transports =' && postfix reload && postsuper -H ALL && postqueue -f",
          },
        ],
      },
      {
        platform: 'exim',
        steps: [
          {
            text: 'Stop the daemon and freeze everything queued; afterwards thaw what is legitimate and start again.',
            code: 'systemctl stop exim4                  # Debian service name\nexiqgrep -i | xargs exim -Mf          # freeze all queued messages\n# afterwards, once the spam is removed:\nexiqgrep -z -i | xargs exim -Mt       # thaw frozen messages\nsystemctl start exim4',
          },
        ],
      },
      {
        platform: 'sendmail',
        steps: [
          {
            text: 'Stop the daemon; queued messages stay in /var/spool/mqueue until it restarts. Quarantine spam by sender before restarting.',
            code: 'systemctl stop sendmail\nsendmail -Qincident -qSspammer@example.net\nsystemctl start sendmail',
          },
        ],
      },
      {
        platform: 'exchange',
        steps: [
          {
            text: 'Stop the transport services on the affected server to stop sending and receiving; start them again afterwards.',
            code: 'Stop-Service MSExchangeFrontEndTransport, MSExchangeTransport\n# afterwards:\nStart-Service MSExchangeTransport, MSExchangeFrontEndTransport',
          },
        ],
      },
      {
        platform: 'firewall',
        steps: [
          {
            text: 'Block SMTP to and from the server at the firewall (adjust the table and chain names to your ruleset).',
            code: 'nft insert rule inet filter forward ip daddr 192.0.2.25 tcp dport 25 drop\nnft insert rule inet filter forward ip saddr 192.0.2.25 tcp dport 25 drop',
          },
        ],
      },
    ],
    source:
      'Section "Specific Threats and Countermeasures": "Document actions that might need to be taken if a problem occurs which requires disconnecting the mail server."',
  },
  'bulk-mail-traffic-monitoring': {
    why: 'Malware that sends spam or acts as a proxy is often invisible on the infected machine, but its traffic is not: hundreds of connections to port 25 on other networks from a laptop are unmistakable. Routine traffic monitoring catches it within minutes, rather than when a block list or Janet CSIRT tells you. The guidance points to patterns of network traffic as the practical way to detect it.',
    howToCheck: [
      {
        text: 'Check that flow records (NetFlow, IPFIX or sFlow) or firewall logs are collected at your border and kept long enough to investigate (weeks, not hours).',
      },
      {
        text: 'Query them for SMTP connections from hosts that are not designated mail servers; the result should be empty or explained. With nfdump:',
        code: "nfdump -R /var/cache/nfdump -s srcip/flows 'proto tcp and dst port 25 and not src ip in [192.0.2.25 192.0.2.26]'",
      },
      {
        text: 'If outbound port 25 is blocked, the dropped attempts are the signal: list their sources.',
        code: "journalctl -k --since today | grep 'out-smtp-drop' | grep -o 'SRC=[^ ]*' | sort | uniq -c | sort -rn | head",
      },
    ],
    howToFix: [
      {
        platform: 'firewall',
        steps: [
          {
            text: 'Export flow records from border routers or firewalls to a collector (for example nfdump, or your security monitoring service), and alert on SMTP connections from non-mail hosts, a host contacting many different mail servers, and sudden rises in mail traffic. If you block outbound port 25, log the drops:',
            code: 'oifname "wan0" tcp dport 25 log prefix "out-smtp-drop " drop',
          },
        ],
      },
      {
        platform: 'general',
        steps: [
          {
            text: 'When an alert fires, use the flow records and the Received header lines of any spam sample to identify the source, then follow the procedure for compromised machines.',
          },
        ],
      },
    ],
    source:
      'Section "Trojan Software Performing Bulk Mail Abuse": "Such rogue software installed through a system compromise can be very hard to detect on the machine affected, but routine monitoring of patterns of network traffic can alert the administrator to an incident and the headers of any mail sent will normally give some pointers to the source."',
  },
  'compromised-hosts-rebuilt': {
    why: 'Once an intruder has controlled a machine, you cannot be sure what else was changed; removing the visible spam program often leaves a back door that is used again days later. Rebuilding from trusted media is the reliable fix. Finding the way in, such as a missing patch, a weak password or a phishing message, is what stops the same thing happening to the rebuilt machine and to others like it.',
    howToCheck: [
      {
        text: 'Look at the incident procedure and the records of recent incidents: was the host isolated, evidence kept, the machine rebuilt, passwords and keys changed, and the cause recorded?',
      },
      {
        text: 'On a host that was supposedly cleaned, look for outbound SMTP connections and the processes making them.',
        code: "ss -tnp state established '( dport = :25 )'\nGet-NetTCPConnection -RemotePort 25 -State Established -ErrorAction SilentlyContinue | Select-Object LocalAddress,RemoteAddress,OwningProcess",
      },
    ],
    howToFix: [
      {
        platform: 'general',
        steps: [
          {
            text: 'Isolate the machine; keep evidence (disk image, memory, logs) if you may need to investigate or report; rebuild from known-good media, restoring only data (not programs) from backups taken before the compromise; change every password and key the machine held or saw; patch; find and record the cause; report to Janet CSIRT where appropriate.',
          },
        ],
      },
      {
        platform: 'linux',
        steps: [
          {
            text: 'Before rebuilding, copy logs and suspicious files off the machine for investigation.',
            code: 'tar czf "/mnt/evidence/$(hostname)-$(date +%F).tgz" /var/log /etc /tmp /var/tmp /home',
          },
        ],
      },
      {
        platform: 'windows',
        steps: [
          {
            text: "Reimage from your standard build (through your deployment tool or Intune) rather than relying on an anti-virus clean-up, and reset the user's password and sessions.",
          },
        ],
      },
    ],
    source:
      'Section "Trojan Software Performing Bulk Mail Abuse": "It will often be necessary to rebuild a machine after such damage, and then try to find how the intrusion occurred to reduce the likelihood that it will happen again."',
  },
  'csirt-contacts-known': {
    why: 'Janet CSIRT often hears of relay or spam problems on a Janet-connected network from outside reports before the organisation does, and it needs someone at your end who will act. In an incident you may also need its help, for example with a block-list operator or to trace an attack. Knowing the route both ways, in advance, saves hours when it matters.',
    howToCheck: [
      {
        text: 'Check that your incident procedure contains the current Janet CSIRT contact details, taken from the Janet CSIRT pages in the Janet services documentation on the Jisc community site (linked from the guidance).',
      },
      {
        text: 'Check the abuse contact registered for your address ranges, which is where outside reports are sent.',
        code: 'whois 192.0.2.1 | grep -i abuse',
      },
      {
        text: 'Check that abuse@ and postmaster@ your mail domains accept mail (RFC 2142 and RFC 5321 expect them), from a host outside your network.',
        code: 'swaks --from test@example.com --to abuse@example.ac.uk --quit-after RCPT\nswaks --from test@example.com --to postmaster@example.ac.uk --quit-after RCPT',
      },
    ],
    howToFix: [
      {
        platform: 'general',
        steps: [
          {
            text: 'Record the Janet CSIRT contact details in your incident procedure and on-call documentation, and review them yearly.',
          },
          {
            text: 'Keep the security contacts Jisc holds for your organisation up to date, so that notifications from Janet CSIRT reach people who act on them.',
          },
          {
            text: 'Deliver abuse@ and postmaster@ to a monitored team mailbox or ticket queue, and make sure the abuse contact in the registry records for your ranges points to it.',
          },
        ],
      },
    ],
    source:
      'Good practice, not stated in the guidance; derived from section "E-mail and Security Issues": "Further information about security issues may be found on the Janet CSIRT web pages."',
  },
};
