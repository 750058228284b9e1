import { storageReady } from "~lib/background";

// Message handlers live in ./messages (one per file, bundled by Plasmo). Starting the storage setup
// here makes it run on every service-worker start, not only when a message arrives.
void storageReady;
