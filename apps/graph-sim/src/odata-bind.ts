// `@odata.bind` values: the URL of the object a navigation property points at.

/** The id at the end of an `@odata.bind` URL: `.../roleDefinitions('abc')` or `.../roleDefinitions/abc`. */
export function idOfBind(bind: string): string {
  const last = bind.split("/").at(-1) ?? "";
  const quoted = /\('([^']*)'\)$/.exec(last);
  return quoted ? (quoted[1] as string) : decodeURIComponent(last);
}
