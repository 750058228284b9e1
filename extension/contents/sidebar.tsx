import cssText from "data-text:~style.css";
import type { PlasmoCSConfig, PlasmoGetShadowHostId, PlasmoGetStyle, PlasmoMountShadowHost } from "plasmo";
import { Sidebar } from "~components/sidebar/Sidebar";
import { whenHelpdeskPage } from "~lib/ticket-watcher";

// Chrome match patterns without a port match every port. Other helpdesks' origins get added here
// (or registered at run time) together with their adapter.
export const config: PlasmoCSConfig = {
  matches: ["http://localhost/*", "http://127.0.0.1/*"],
  run_at: "document_idle",
};

/** Tailwind, scoped to the sidebar's shadow root: the page's styles and ours cannot touch each other. */
export const getStyle: PlasmoGetStyle = () => {
  const style = document.createElement("style");
  style.textContent = cssText;
  return style;
};

export const getShadowHostId: PlasmoGetShadowHostId = () => "keel-sidebar-host";

/** Pages that are not a known helpdesk get nothing injected; a helpdesk SPA that loads later still works. */
export const mountShadowHost: PlasmoMountShadowHost = async ({ shadowHost }) => {
  await whenHelpdeskPage(document);
  document.documentElement.append(shadowHost);
};

export default Sidebar;
