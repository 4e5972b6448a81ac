import type { CatalogueInput } from '../model/catalogue';

/**
 * The checklist: countermeasures from the Janet guidance "Open Mail Relays in Janet", as sections
 * and controls (ids, titles, questions, levels, when a control does not apply). What each control
 * says to do (why, how to check, how to fix, the source passage) is in guidance-data.ts, loaded
 * when a section is first shown, so the first page stays small.
 *
 * Levels follow the guidance's own wording: MUST for "MUST NOT allow ... relay", SHOULD for
 * "ensure" / "should" / the General Countermeasures list, MAY for "consider". All text is plain:
 * the UI renders it as text, never as HTML or markdown.
 */
export const catalogueData: CatalogueInput = {
  version: '2026.1',
  title: 'Mail security countermeasures (Janet open mail relays guidance)',
  guidance: {
    title: 'Open Mail Relays in Janet',
    url: 'https://community.jisc.ac.uk/library/janet-services-documentation/open-mail-relays-janet',
  },
  sections: [
    {
      id: 'relays-proxies',
      title: 'Open relays and open proxies',
      summary:
        'An open relay or an open proxy lets anyone on the Internet send bulk mail through your network. The guidance makes this its one absolute requirement: no computer on your network may be used to relay unsolicited bulk e-mail (UBE). These controls cover finding relays and proxies, testing for them from outside, and repairing them.',
      controls: [
        {
          id: 'no-open-relay',
          title: 'No host relays mail for arbitrary senders and recipients',
          question:
            'Does every host on your network refuse to relay mail between outside senders and outside recipients?',
          level: 'MUST',
        },
        {
          id: 'relay-tested-externally',
          title: 'Relay tests are run from outside the network and the results recorded',
          question:
            'Do you test every SMTP listener on your public addresses for relaying from a host outside your network, after each change and at regular intervals, and keep a dated record of the results?',
          level: 'SHOULD',
        },
        {
          id: 'open-relay-repaired',
          title: 'A relay that is found is repaired promptly and the repair retested',
          question:
            'When a relay is found on your network (by your own tests, a complaint, a block-list listing or a report from Janet CSIRT), does the manager of the mail system repair it promptly and confirm the repair with a test from outside?',
          level: 'SHOULD',
        },
        {
          id: 'no-open-proxies',
          title: 'No open HTTP or SOCKS proxies',
          question:
            'Have you confirmed that no host on your network acts as an open proxy, that is, accepts connections from the Internet on ports such as 80, 1080, 3128 or 8080 and passes them on, including to mail servers on port 25?',
          level: 'MUST',
        },
        {
          id: 'relay-paths-examined',
          title: 'Paths through several systems (forms, smarthosts, appliances) are examined',
          question:
            'Have you examined the ways mail can pass through more than one of your systems, such as web forms that send mail, chains of mail servers that trust each other, and printers or applications that forward mail, and confirmed that none lets an outsider choose the recipients?',
          level: 'SHOULD',
        },
        {
          id: 'blocklist-not-listed',
          title: 'None of our addresses is on a DNS block list',
          question:
            "Are all of your organisation's public IP addresses, and in particular your mail servers' addresses, absent from the main DNS block lists?",
          level: 'SHOULD',
          evidenceFromLookup: true,
        },
      ],
    },
    {
      id: 'mail-services',
      title: 'Mail services inventory',
      summary:
        'Every host that runs a mail server is a host that can be misconfigured into a relay. The guidance asks that only hosts that need a mail service run one, that the mail servers shipped with UNIX systems are switched off elsewhere, and suggests simpler software where a full mail server is not needed.',
      controls: [
        {
          id: 'mail-service-only-where-needed',
          title: 'Only mailbox hosts and designated gateways run a mail service',
          question:
            "Is an SMTP server run only on hosts that store users' mailboxes or are designated mail gateways or relays, and on no other host?",
          level: 'SHOULD',
        },
        {
          id: 'no-smtp-on-workstations',
          title: 'Workstations run no SMTP server',
          question:
            'Are your desktops and laptops (the staff, teaching and student machines you manage) free of listening mail server software?',
          level: 'SHOULD',
        },
        {
          id: 'bundled-mta-off-or-loopback',
          title: 'Mail servers bundled with UNIX and Linux are off or loopback-only',
          question:
            'On UNIX and Linux hosts that are not designated mail hosts, is the mail server installed with the system (sendmail, Postfix or Exim) either disabled or listening only on the loopback interface?',
          level: 'SHOULD',
        },
        {
          id: 'send-only-client',
          title: 'Hosts that only send mail use a simple send-only client',
          question:
            'Where a host only needs to send its own mail (cron output, alerts, application notifications), does it use a send-only client, such as a Postfix null client, msmtp or dma, that hands everything to your designated relay or submission service?',
          level: 'MAY',
        },
        {
          id: 'mail-host-inventory',
          title: 'An inventory of designated mail hosts is kept up to date',
          question:
            'Do you keep an up-to-date list of every host designated to handle mail (inbound gateways, submission servers, relays, list servers, application relays, hosted-service connectors), with its addresses, software, owner and the hosts it trusts to relay?',
          level: 'SHOULD',
          notApplicableWhen: [
            {
              model: 'none',
              reason:
                'With no mail service there are no designated mail hosts to list. Finding hosts that run a mail service anyway is covered by the other controls in this section, which still apply.',
            },
          ],
        },
      ],
    },
    {
      id: 'network-filtering',
      title: 'Network filtering and access',
      summary:
        'Filtering at the network edge limits who can reach your mail systems and which hosts can send mail to the Internet, so a mistake on one host, or malware on one laptop, is contained. Servers themselves should accept connections, submissions and relaying only as authorised.',
      controls: [
        {
          id: 'packet-filters-limit-mail',
          title: 'Packet filters at firewalls and routers limit connections to mail systems',
          question:
            'Do your firewalls and border routers filter traffic to and from your mail systems with default-deny rules, for IPv6 as well as IPv4, allowing only the ports each mail host needs?',
          level: 'SHOULD',
        },
        {
          id: 'inbound-smtp-designated-hosts',
          title: 'Inbound TCP 25 reaches only designated mail hosts',
          question:
            'Do your firewalls allow inbound connections to TCP port 25 from the Internet only to your designated inbound mail hosts (or to none at all, if a hosted service receives your mail)?',
          level: 'MAY',
        },
        {
          id: 'outbound-smtp-designated-hosts',
          title: 'Outbound TCP 25 leaves only from designated mail hosts',
          question:
            'Do your firewalls block outbound connections to TCP port 25 on the Internet from every host except your designated mail servers and relays, on every network you run (including guest, residence and eduroam networks)?',
          level: 'MAY',
        },
        {
          id: 'submission-authenticated-tls',
          title: 'Mail submission (port 587, and 465) requires authentication over TLS',
          question:
            'Does your submission service on port 587 (and 465, if you offer it) accept mail only from users who have authenticated, and only after TLS is in place?',
          level: 'SHOULD',
          notApplicableWhen: [
            {
              model: 'hosted',
              reason:
                'Your provider runs the submission service (for example smtp.office365.com or smtp.gmail.com) and enforces authentication over TLS itself. Which of your accounts may use SMTP authentication there is covered by the control on hosted relay connectors.',
            },
            {
              model: 'none',
              reason:
                'You run no mail service, so there is no submission service of yours to configure.',
            },
          ],
        },
        {
          id: 'servers-accept-only-authorised',
          title: 'Mail servers accept connections and relaying only as authorised',
          question:
            "Are your mail servers' relay permissions limited to the specific hosts and authenticated users that need them (a short mynetworks, relay_from_hosts or access list), with relay domains limited to domains you actually handle?",
          level: 'SHOULD',
          notApplicableWhen: [
            {
              model: 'hosted',
              reason:
                "Your mail servers are run by the hosting provider; their relay configuration is theirs to keep. Relay rules on connectors you configure in the provider's service are covered by the control on hosted relay connectors.",
            },
            {
              model: 'none',
              reason:
                'You have no mail service, so there is no mail server of yours for this control to apply to.',
            },
          ],
        },
        {
          id: 'hosted-relay-connectors',
          title: 'Hosted relay connectors accept mail only from your own named systems',
          question:
            "If you use your hosted provider's relay features (Microsoft 365 connectors or SMTP AUTH for devices and applications, or the Google Workspace SMTP relay service), are they limited to named addresses of your own systems or to authenticated accounts, and to senders in your own domains?",
          level: 'SHOULD',
          notApplicableWhen: [
            {
              model: 'own',
              reason:
                'You do not use a hosted mail service, so there are no hosted relay connectors to configure. Relay rules on your own mail servers are covered by the control on mail servers accepting relaying only as authorised.',
            },
            {
              model: 'none',
              reason:
                'You have no mail service, hosted or your own, so there are no relay connectors.',
            },
          ],
        },
      ],
    },
    {
      id: 'patching',
      title: 'Patching and unnecessary services',
      summary:
        'Intruders take over mail systems and the computers around them mostly through known flaws that already have fixes. The guidance asks for patches and updates to be installed promptly for operating systems, mail software, other applications and anti-virus software, and for unnecessary services to be switched off.',
      controls: [
        {
          id: 'os-updates-prompt',
          title: 'Operating system updates are applied promptly',
          question:
            'Are security updates for the operating systems of your servers, workstations and network devices applied promptly, within the timescale you have set?',
          level: 'SHOULD',
        },
        {
          id: 'mail-software-updated',
          title: 'Mail server software is updated promptly',
          question:
            'Is your mail server software (Postfix, Exim, Sendmail or Exchange, and the filtering software around it) a supported version with current security updates installed?',
          level: 'SHOULD',
          notApplicableWhen: [
            {
              model: 'hosted',
              reason:
                'Your provider updates the mail server software it runs. Updating the operating systems and other software on your own hosts is still covered by the operating system update control.',
            },
            {
              model: 'none',
              reason:
                'You have no mail service, so there is no mail server of yours for this control to apply to.',
            },
          ],
        },
        {
          id: 'av-software-updated',
          title: 'Anti-virus software is kept at a supported, updated version',
          question:
            'Are the anti-virus products on your mail servers and computers (the programs and scanning engines, not only their signatures) kept at supported versions, with their updates installed promptly?',
          level: 'SHOULD',
        },
        {
          id: 'unnecessary-services-disabled',
          title: 'Unnecessary services are disabled on servers and workstations',
          question:
            'Have you disabled the network services your servers and workstations do not need, and do you check regularly for new ones appearing?',
          level: 'SHOULD',
        },
        {
          id: 'patch-timescale-documented',
          title: 'The patching timescale is written down',
          question:
            'Have you written down how quickly security updates must be applied (for example critical and high-risk updates within 14 days of release, as Cyber Essentials requires), and do you measure yourselves against it?',
          level: 'SHOULD',
        },
      ],
    },
    {
      id: 'incoming-bulk-mail',
      title: 'Incoming bulk mail: DNS block lists and filtering',
      summary:
        'To protect your own users from unsolicited bulk mail, the guidance suggests checking connecting addresses against DNS block lists and filtering messages by content. Block lists only help if they are queried in a way the list operator allows, and if the lists are chosen and watched with care.',
      controls: [
        {
          id: 'dnsbl-at-mta',
          title: 'The mail server consults DNS block lists before accepting mail',
          question:
            'Do your inbound mail servers check each connecting IP address against one or more DNS block lists, and refuse mail from listed addresses before accepting it?',
          level: 'MAY',
          notApplicableWhen: [
            {
              model: 'hosted',
              reason:
                "Your provider screens connections to its servers with its own reputation data (for example Exchange Online Protection's connection filtering); you cannot add a DNS block list there. Whether your own addresses are listed is covered by the block-list control, which still applies.",
            },
            {
              model: 'none',
              reason:
                'You have no mail service, so there is no mail server of yours for this control to apply to.',
            },
          ],
        },
        {
          id: 'dnsbl-permitted-resolver',
          title: 'Block-list lookups go through a resolver the list permits',
          question:
            "If your mail servers query DNS block lists, do the lookups go through a resolver the list operators accept (your own resolver doing its own recursion, Jisc's Janet mirrors from a Janet-connected resolver, or a Spamhaus Data Query Service key), rather than a public resolver such as 8.8.8.8 or 1.1.1.1?",
          level: 'SHOULD',
          notApplicableWhen: [
            {
              model: 'hosted',
              reason:
                'Your provider decides how its servers screen connections, so there are no block-list lookups of yours to route.',
            },
            {
              model: 'none',
              reason:
                'You have no mail service, so there is no mail server of yours for this control to apply to.',
            },
          ],
        },
        {
          id: 'dnsbl-lists-reviewed',
          title: 'Block lists are chosen deliberately and watched for false positives',
          question:
            'Are the block lists your servers use chosen deliberately, still operating, and checked for wrongly refused mail, with dead lists such as SORBS and NiX Spam removed?',
          level: 'SHOULD',
          notApplicableWhen: [
            {
              model: 'hosted',
              reason:
                'Your provider chooses the reputation data its servers use; there are no block lists of yours to review.',
            },
            {
              model: 'none',
              reason:
                'You have no mail service, so there is no mail server of yours for this control to apply to.',
            },
          ],
        },
        {
          id: 'content-filtering',
          title: 'Incoming mail is filtered centrally, or users can filter their own',
          question:
            "Is incoming mail filtered centrally by content (for example with rspamd or SpamAssassin, or with your hosted provider's anti-spam policies), or can users filter their own mail with server-side rules?",
          level: 'MAY',
          notApplicableWhen: [
            {
              model: 'none',
              reason: 'You have no mail service, so there is no incoming mail of yours to filter.',
            },
          ],
        },
      ],
    },
    {
      id: 'malware',
      title: 'Malware',
      summary:
        'Viruses and other malicious software arriving by mail, or by other routes, turn computers into spam senders and proxies. The guidance asks for anti-virus scanning at the mail server and on client computers, kept up to date, with regular scans of all computers.',
      controls: [
        {
          id: 'av-scan-at-mail-server',
          title: 'Incoming mail is scanned for malware at the mail server',
          question:
            'Do your mail servers scan every incoming message, attachments and archives included, for malware, and refuse or quarantine infected messages before they reach mailboxes?',
          level: 'SHOULD',
          notApplicableWhen: [
            {
              model: 'hosted',
              reason:
                "Your provider scans mail at its servers (for example Exchange Online Protection's anti-malware policies or Gmail's built-in scanning); review its malware and attachment settings in the admin console. Anti-virus on your own computers is covered by the client anti-virus control, which still applies.",
            },
            {
              model: 'none',
              reason:
                'You have no mail service, so there is no mail server of yours for this control to apply to.',
            },
          ],
        },
        {
          id: 'av-on-clients',
          title: 'Client computers run anti-virus software',
          question:
            'Do all the client computers you manage (and servers where users work) run anti-virus software with real-time scanning switched on?',
          level: 'SHOULD',
        },
        {
          id: 'av-signatures-current',
          title: 'Anti-virus signatures are kept current',
          question:
            'Are anti-virus signatures on mail servers and client computers updated automatically at least daily, and would you notice a machine whose updates had stopped?',
          level: 'SHOULD',
        },
        {
          id: 'regular-full-scans',
          title: 'All computers are scanned regularly',
          question:
            'Are all computers, servers included, given a full anti-virus scan on a regular schedule, as well as real-time scanning?',
          level: 'SHOULD',
        },
      ],
    },
    {
      id: 'monitoring',
      title: 'Monitoring and incident readiness',
      summary:
        'Knowing what normal looks like lets you spot abuse early; being ready to act limits the damage. The guidance asks you to monitor the mail service, recognise overload, document how to disconnect the mail server, watch network traffic for bulk mail from compromised machines, and rebuild those machines.',
      controls: [
        {
          id: 'mail-activity-baseline',
          title: 'A baseline of normal mail activity is established',
          question:
            'Do you know what normal activity looks like on your mail servers (messages per hour in and out, queue size, rejections and deferrals), from recorded measurements rather than memory?',
          level: 'SHOULD',
          notApplicableWhen: [
            {
              model: 'hosted',
              reason:
                'Your provider measures and runs its servers and their queues. Its mail-flow and outbound-spam reports (in the Exchange admin centre, or the Google Workspace email log search) are still worth watching, and monitoring your own network for bulk mail is covered by the traffic monitoring control, which still applies.',
            },
            {
              model: 'none',
              reason:
                'You have no mail service, so there is no mail server of yours for this control to apply to.',
            },
          ],
        },
        {
          id: 'overload-alerts',
          title: 'Signs of overload raise an alert before they cause difficulty',
          question:
            "Does someone get an alert when a mail server's queue, outbound message rate, deferrals or spool disk usage rise well above the baseline?",
          level: 'SHOULD',
          notApplicableWhen: [
            {
              model: 'hosted',
              reason:
                'Your provider watches its own servers for overload. It may alert you about your tenant (for example Microsoft 365 alerts when a user is restricted from sending); make sure those alerts reach someone, though this control is about your own mail servers.',
            },
            {
              model: 'none',
              reason:
                'You have no mail service, so there is no mail server of yours for this control to apply to.',
            },
          ],
        },
        {
          id: 'disconnect-procedure-documented',
          title: 'The steps for disconnecting the mail server are documented',
          question:
            'Is there a written, tested procedure for taking a mail server off the network, or stopping it sending, during an incident, saying who decides, how to do it, how to avoid losing legitimate mail and whom to tell?',
          level: 'SHOULD',
          notApplicableWhen: [
            {
              model: 'hosted',
              reason:
                "Your provider runs the mail servers and decides when to take them off line. For a compromised account in your tenant, the provider's controls (blocking sign-in, restricting sending) take the place of disconnecting a server.",
            },
            {
              model: 'none',
              reason:
                'You have no mail service, so there is no mail server of yours for this control to apply to.',
            },
          ],
        },
        {
          id: 'bulk-mail-traffic-monitoring',
          title: 'Network traffic monitoring would reveal a host sending bulk mail',
          question:
            'Do you routinely monitor network traffic (flow records or firewall logs), so that a host other than a designated mail server making SMTP connections, or an unusual burst of mail traffic, raises an alert?',
          level: 'SHOULD',
        },
        {
          id: 'compromised-hosts-rebuilt',
          title: 'Compromised machines are rebuilt and the intrusion traced',
          question:
            'When a server or workstation has been used to send bulk mail or act as a proxy, do you rebuild it from known-good media rather than only cleaning it, and find out how the intrusion happened before returning it to service?',
          level: 'SHOULD',
        },
        {
          id: 'csirt-contacts-known',
          title: 'Janet CSIRT contact details are known and your own contacts are current',
          question:
            'Do the people who run your mail and network know how to contact Janet CSIRT, and are the contacts others use to reach you about abuse (your abuse@ address, the abuse contact for your address ranges and the security contacts Jisc holds for you) current and monitored?',
          level: 'SHOULD',
        },
      ],
    },
  ],
};
