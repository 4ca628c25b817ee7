/** One PostgreSQL schema per service and namespace: `<namespace>_<service>` (ARCHITECTURE.md, Data). */
export function schemaName(namespace: string, service: string): string {
  const name = `${namespace}_${service}`;
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid schema name "${name}": use lower-case letters, digits and _`);
  return name;
}
