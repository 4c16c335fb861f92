// The app's chunk, loaded by main.ts once it has asked for the first screen's data.
import { mount } from 'svelte';
import App from './App.svelte';
import type { FirstScreen } from './lib/start';

export function mountApp(first: Promise<FirstScreen>) {
  const target = document.getElementById('app');
  if (!target) throw new Error('#app is missing from index.html');
  return mount(App, { target, props: { first } });
}
