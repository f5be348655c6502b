import '@cloudscape-design/global-styles/index.css';
import './app/console.css';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { repairAria } from './app/ariaRepair';
import { prefetchFirstPage } from './configs/configList';

// The first page of the list is asked for at once, beside the settings and the page's code (a signed-in user
// landing on the list sees rows without waiting for one request after another).
prefetchFirstPage();
const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);
repairAria();
