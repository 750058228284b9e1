/** @type {import("tailwindcss").Config} */
module.exports = {
  presets: [require("../shared/tailwind-preset.cjs")],
  // Only our own sources: the same stylesheet serves the options page, the popup and the
  // content-script sidebar (injected into its shadow root, where it cannot leak into the page).
  content: ["./contents/**/*.tsx", "./components/**/*.tsx", "./options.tsx", "./popup.tsx"],
};
