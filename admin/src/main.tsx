import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router-dom';
import { AuthProvider } from './auth/AuthContext';
import { router } from './router';
import './styles.css';

const toLogin = (message: string) => {
  void router.navigate('/login', { replace: true, state: { message, from: router.state.location.pathname } });
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AuthProvider onExpired={toLogin}>
      <RouterProvider router={router} />
    </AuthProvider>
  </StrictMode>,
);
