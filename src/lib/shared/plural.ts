/** "1 address", "1,024 addresses": a count with the right form of the noun, in UK style. */
export function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
}
