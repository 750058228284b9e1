import type { Config } from "tailwindcss";
import preset from "../shared/tailwind-preset.cjs";

export default {
  presets: [preset as Partial<Config>],
  content: ["./src/**/*.{ts,tsx}"],
} satisfies Config;
