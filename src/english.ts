/** Counts as English reads them, wherever kgen prints one: "1 file", "2 files", "0 files". */
export function counted(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
