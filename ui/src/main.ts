// Fonts are bundled from @fontsource and served from the app itself: nothing is fetched from
// the network (the app works offline and its CSP forbids remote origins).
import '@fontsource/ibm-plex-sans/400.css';
import '@fontsource/ibm-plex-sans/500.css';
import '@fontsource/ibm-plex-sans/600.css';
import '@fontsource/ibm-plex-sans/400-italic.css';
import '@fontsource/ibm-plex-mono/400.css';
import '@fontsource/ibm-plex-mono/400-italic.css';
import '@fontsource/ibm-plex-mono/600.css';
import '@fontsource-variable/source-serif-4/wght.css';
import '@fontsource-variable/source-serif-4/wght-italic.css';
import './app.css';

import { loadFirstScreen } from './lib/start';

// Start-up: this entry chunk is small. It asks the backend for the first screen's data at once,
// then loads the app's chunk (Svelte, the components, CodeMirror); the Rust side answers while
// the page fetches and compiles that chunk, instead of after.
const first = loadFirstScreen();
// Handled by Desk.init; this only keeps a failure from counting as unhandled meanwhile.
first.catch(() => {});

void import('./mount').then(({ mountApp }) => mountApp(first));
