/** Stylesheets are bundled as text (tsup loader) and put in a <style> element by the page script. */
declare module '*.css' {
  const text: string;
  export default text;
}
