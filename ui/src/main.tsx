import { render } from 'preact';
import { App } from './app.js';
import { initSession } from './session/session.js';
import './styles/tokens.css';
import './styles/base.css';
import './styles/controls.css';
import './styles/shell.css';
import './styles/login.css';
import './styles/users.css';
import './styles/workflow.css';
import './styles/workflow-controls.css';

initSession();

const root = document.getElementById('app');
if (!root) throw new Error('Expected an element with id "app" in index.html, but found none');
render(<App />, root);
