import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lang } from './i18n';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App } from './App';
import { startSession } from './auth/session';
import { setSignedIn } from './identity';
import { ApiError } from './api/client';

dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not change by asking again; a 503 (Retry-After) or a network error may.
      retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

void startSession().then((session) => {
  const profile = session.user?.profile;
  setSignedIn(profile && { sub: profile.sub, name: typeof profile.name === 'string' ? profile.name : undefined });
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#b71c1c', borderRadius: 4 } }}>
        <AntApp>
          <QueryClientProvider client={queryClient}>
            <BrowserRouter basename="/app">
              <App session={session} />
            </BrowserRouter>
          </QueryClientProvider>
        </AntApp>
      </ConfigProvider>
    </StrictMode>,
  );
});
