import type { PropsWithChildren } from 'react';
import { installRequestInterceptors } from './services/request';
import './app.css';

installRequestInterceptors();

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
