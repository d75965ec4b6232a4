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
import './a11y.css';
import { startSession } from './auth/session';
import { setSignedIn } from './identity';
import { ApiError } from './api/client';

dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';

/**
 * Our red, and Ant Design's colours darkened where its defaults give text
 * less than 4.5:1 against white (WCAG 2.1, 1.4.3): secondary and placeholder
 * text, links, error, success and warning text (axe-core checks every page:
 * test/web/a11y.e2e.spec.ts). Coloured tags' text is in a11y.css.
 */
const THEME = {
  token: {
    colorPrimary: '#b71c1c',
    borderRadius: 4,
    colorTextSecondary: '#595959',
    colorTextTertiary: '#666666',
    colorTextDescription: '#666666',
    colorTextPlaceholder: '#666666',
    colorLink: '#0958d9',
    colorError: '#cf1322',
    colorSuccess: '#237804',
    colorWarning: '#ad4e00',
  },
};

/**
 * The date picker's year and month buttons say "2026年" and "12月" but are named "选择年份", "选择月份" (Select
 * year/month): a speech user saying what they see is not understood (WCAG 2.5.3). Without those names the
 * buttons are named by what they show.
 */
const visibleNames = <L extends typeof zhCN>(locale: L): L =>
  locale.DatePicker ? { ...locale, DatePicker: { ...locale.DatePicker, lang: { ...locale.DatePicker.lang, yearSelect: undefined, monthSelect: undefined } } } : locale;
const LOCALE = visibleNames(lang === 'en' ? enUS : zhCN);

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
      <ConfigProvider locale={LOCALE} theme={THEME}>
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
