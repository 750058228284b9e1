/** @type {import("tailwindcss").Config} */
module.exports = {
  // Only our own sources: the same stylesheet serves the options page, the popup and the
  // content-script sidebar (injected into its shadow root, where it cannot leak into the page).
  content: ["./contents/**/*.tsx", "./components/**/*.tsx", "./options.tsx", "./popup.tsx"],
  theme: {
    extend: {
      fontFamily: {
        sans: [
          "ui-sans-serif",
          "system-ui",
          "-apple-system",
          "Segoe UI",
          "Roboto",
          "Helvetica Neue",
          "Arial",
          "sans-serif",
        ],
      },
      keyframes: {
        "keel-pulse": { "0%, 100%": { opacity: "1" }, "50%": { opacity: ".45" } },
      },
      animation: { "keel-pulse": "keel-pulse 1.6s ease-in-out infinite" },
    },
  },
  plugins: [],
};
