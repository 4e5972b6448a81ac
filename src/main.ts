import { mount } from 'svelte';
import App from './App.svelte';
import Framed from './lib/session/ui/Framed.svelte';
import { startBrowserSession } from './lib/session/io/browser-session';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
// Inside another site's frame the app takes no input at all (a <meta> policy cannot forbid
// framing; the server's frame-ancestors header should, see the README's Deploying section).
const framed = window.top !== window.self;
if (framed) mount(Framed, { target, props: { href: window.location.href } });
else {
  // index.html says "Loading" until the stored assessments are read (a moment, even with many).
  // Not a top-level await: with one, the bundler could no longer let lazily loaded chunks share
  // this entry chunk's modules, and cut them into many small chunks instead.
  void startBrowserSession(window).then((session) => {
    target.replaceChildren();
    mount(App, { target, props: { session } });
  });
}
