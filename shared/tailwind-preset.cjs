// One Tailwind v3 preset for the extension and the server, so the sidebar and the console look alike
// (see STACK-NOTES: Tailwind v4 fails inside Plasmo, so both stay on v3).
module.exports = {
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
