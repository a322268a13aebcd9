import { render } from 'preact';

render(<p>CORS Inspector</p>, document.getElementById('app')!);
