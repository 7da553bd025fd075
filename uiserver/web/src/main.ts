import { createApp } from 'vue';
import App from './components/App.vue';
import { APP, createContext } from './context';
import { parseConfig } from './model/config';
import './styles.css';

function readConfig(): unknown {
  try {
    return JSON.parse(document.getElementById('isobar-config')?.textContent ?? '{}');
  } catch {
    return {};
  }
}

// The server marks kiosk pages; the URL is a fallback for a page that does not.
const kioskHint = document.documentElement.classList.contains('kiosk') || new URLSearchParams(window.location.search).get('kiosk') === '1';
const config = parseConfig(readConfig(), kioskHint);
document.documentElement.classList.toggle('kiosk', config.kiosk);

let mountPoint = document.getElementById('app');
if (!mountPoint) {
  mountPoint = document.createElement('main');
  mountPoint.id = 'app';
  document.body.append(mountPoint);
}

createApp(App).provide(APP, createContext(config)).mount(mountPoint);
