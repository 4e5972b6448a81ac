import { describe, test, expect } from 'vitest';
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import {
  dnsblQueryName,
  normaliseZone,
  queryZone,
  reversedAddress,
  testPoints,
} from '../../src/lib/net/query-name';

describe('dnsblQueryName', () => {
  test('an IPv4 address is queried with its octets reversed (RFC 5782 example)', () => {
    expect(dnsblQueryName('192.0.2.99', 'bl.example')).toBe('99.2.0.192.bl.example');
  });

  test('an IPv6 address is queried as 32 reversed nibbles (RFC 5782 example)', () => {
    expect(dnsblQueryName('2001:db8:1:2:3:4:567:89ab', 'bl.example')).toBe(
      'b.a.9.8.7.6.5.0.4.0.0.0.3.0.0.0.2.0.0.0.1.0.0.0.8.b.d.0.1.0.0.2.bl.example',
    );
  });

  test('the zone is lowercased and loses its trailing dot', () => {
    expect(dnsblQueryName('192.0.2.1', ' ZEN.Spamhaus.ORG. ')).toBe('1.2.0.192.zen.spamhaus.org');
    expect(normaliseZone('Bl.Example..')).toBe('bl.example');
  });

  test('IPv4-mapped test points are queried as IPv6 nibbles', () => {
    expect(dnsblQueryName('::ffff:7f00:2', 'bl.example')).toBe(
      '2.0.0.0.0.0.f.7.f.f.f.f.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.bl.example',
    );
  });

  test('invalid input is a programming error and throws', () => {
    expect(() => dnsblQueryName('192.0.2.300', 'bl.example')).toThrow();
    expect(() => dnsblQueryName('127.1', 'bl.example')).toThrow();
    expect(() => dnsblQueryName('fe80::1%eth0', 'bl.example')).toThrow();
    expect(() => dnsblQueryName('192.0.2.1', ' . ')).toThrow();
    expect(() => dnsblQueryName('192.0.2.1', '{key}.zen.dq.spamhaus.net')).toThrow(/placeholder/);
  });

  test('reversing the name gives back the address bytes', () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), (typed) => {
        const address = ipaddr.parse(typed);
        const text = address.kind() === 'ipv4' ? address.toString() : address.toNormalizedString();
        const name = dnsblQueryName(text, 'bl.example');
        expect(name.endsWith('.bl.example')).toBe(true);
        const labels = name.slice(0, -'.bl.example'.length).split('.').reverse();
        if (address.kind() === 'ipv4') {
          expect(labels.join('.')).toBe(address.toString());
        } else {
          expect(labels).toHaveLength(32);
          expect(labels.join('')).toBe(
            address
              .toNormalizedString()
              .split(':')
              .map((p) => p.padStart(4, '0'))
              .join(''),
          );
          const bytes = [];
          for (let i = 0; i < 32; i += 2) bytes.push(parseInt(labels[i]! + labels[i + 1]!, 16));
          expect(bytes).toEqual(address.toByteArray());
        }
      }),
    );
  });
});

describe('a query name from parts worked out once', () => {
  test('the reversed address and the zone, joined, are the query name', () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), (address) => {
        const text = ipaddr.parse(address).toString();
        expect(`${reversedAddress(text)}.${queryZone('Zen.Example.ORG.')}`).toBe(
          dnsblQueryName(text, 'zen.example.org'),
        );
      }),
    );
    expect(() => queryZone('{key}.dq.example')).toThrow(/placeholder/);
    expect(() => reversedAddress('127.1')).toThrow(/four-part decimal/);
  });
});

describe('testPoints', () => {
  test('RFC 5782 test points for IPv4 and IPv6', () => {
    expect(testPoints('ipv4')).toEqual({ listed: '127.0.0.2', notListed: '127.0.0.1' });
    expect(testPoints('ipv6')).toEqual({ listed: '::ffff:7f00:2', notListed: '::ffff:7f00:1' });
  });
});
