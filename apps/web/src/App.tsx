import { AuditOutlined, BarChartOutlined, SolutionOutlined, BookOutlined, CheckSquareOutlined, EditOutlined, FileSearchOutlined, IdcardOutlined, TeamOutlined } from '@ant-design/icons';
import { Alert, Button, ConfigProvider, Grid, Layout, Menu, Space, Typography } from 'antd';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import type { Session } from './auth/session';
import { lang, switchLang, t } from './i18n';
import { useMe } from './identity';
import { AccountabilityPage } from './pages/AccountabilityPage';
import { CatalogPage } from './pages/CatalogPage';
import { DecisionPage } from './pages/DecisionPage';
import { DecisionsPage } from './pages/DecisionsPage';
import { InspectorPage } from './pages/InspectorPage';
import { MyTasksPage } from './pages/MyTasksPage';
import { PortalPage } from './pages/PortalPage';
import { RegistrarPage } from './pages/RegistrarPage';
import { SigningPage } from './pages/SigningPage';
import { StatisticsPage } from './pages/StatisticsPage';

const { Header, Content, Footer } = Layout;

const MENU = [
  { key: '/', icon: <TeamOutlined />, label: <Link to="/">{t('公众参与', 'Public')}</Link> },
  { key: '/tasks', icon: <CheckSquareOutlined />, label: <Link to="/tasks">{t('我的待办', 'My tasks')}</Link> },
  { key: '/decisions', icon: <FileSearchOutlined />, label: <Link to="/decisions">{t('决策事项', 'Decisions')}</Link> },
  { key: '/catalog', icon: <BookOutlined />, label: <Link to="/catalog">{t('决策目录', 'Catalog')}</Link> },
  { key: '/statistics', icon: <BarChartOutlined />, label: <Link to="/statistics">{t('统计', 'Statistics')}</Link> },
  { key: '/inspect', icon: <AuditOutlined />, label: <Link to="/inspect">{t('核查', 'Inspect')}</Link> },
  { key: '/accountability', icon: <SolutionOutlined />, label: <Link to="/accountability">{t('责任倒查', 'Accountability')}</Link> },
  { key: '/sign', icon: <EditOutlined />, label: <Link to="/sign">{t('签署', 'Sign')}</Link> },
  { key: '/registrar', icon: <IdcardOutlined />, label: <Link to="/registrar">{t('登记员', 'Registrar')}</Link> },
];

/** The signed-in person by name (the provider's, or the one they were appointed under). */
/** Back from the sign-in provider while its settings could not be had: the code stays in the address until they can. */
function SignInUnavailable() {
  return (
    <Alert
      type="error"
      showIcon
      title={t('登录尚未完成', 'Sign-in not finished')}
      description={t('暂时无法取得登录设置，本次登录尚未完成。请稍后点击页面上方的“重试”，无需重新输入密码。', 'The sign-in settings could not be had, so the sign-in is not finished. Try again in a moment (above); no need to enter the password again.')}
      action={
        <Button size="small" onClick={() => location.reload()}>
          {t('重试', 'Try again')}
        </Button>
      }
    />
  );
}

function MyName() {
  const { me } = useMe();
  return <Typography.Text style={{ color: '#fff' }} data-testid="my-name">{me?.name}</Typography.Text>;
}

export function App({ session }: { session: Session }) {
  const { pathname } = useLocation();
  const selected = MENU.map((m) => m.key).filter((k) => (k === '/' ? pathname === '/' : pathname.startsWith(k)));
  // On a phone (below Ant Design's md, 768 pixels) the page keeps its width for the content, not 48-pixel margins.
  const narrow = Grid.useBreakpoint().md === false;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {/* The first stop of Tab: past the header and its eight menu items to the page itself (WCAG 2.4.1); shown when focused (a11y.css). */}
      <a
        href="#main"
        className="skip-link"
        onClick={(e) => {
          // The router would not move the focus for a fragment: the main region takes it, and the next Tab goes on from there.
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('跳到主要内容', 'Skip to main content')}
      </a>
      {/* The menu is drawn whole (see below): narrow items to fit one line at 1280 pixels, and a header that grows, not one that the menu spills out of, where the window is narrower. */}
      <Header style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 16, padding: narrow ? '0 12px' : '0 24px', height: 'auto', minHeight: 64 }}>
        {/* The application's name, not a heading: each page's title is its one first-level heading. */}
        <Typography.Text strong style={{ color: '#fff', fontSize: 20, whiteSpace: 'nowrap' }}>
          {t('重大行政决策', 'Major decisions')}
        </Typography.Text>
        {/* The whole menu, always: Ant Design's overflow keeps hidden copies of the items (aria-hidden, yet focusable links) to measure them. */}
        {/* On a phone, one line that scrolls sideways: wrapped, the nine items stood as a column over the first screen (tester). */}
        <nav aria-label={t('主菜单', 'Main menu')} style={narrow ? { flex: '1 1 100%', minWidth: 0, overflowX: 'auto' } : { flex: 1, minWidth: 0 }}>
          <ConfigProvider theme={{ components: { Menu: { itemPaddingInline: 12 } } }}>
            <Menu theme="dark" mode="horizontal" selectedKeys={selected} items={MENU} disabledOverflow style={narrow ? { flexWrap: 'nowrap', minWidth: 'max-content' } : undefined} />
          </ConfigProvider>
        </nav>
        <Button size="small" ghost data-testid="lang-switch" onClick={() => switchLang(lang === 'en' ? 'zh' : 'en')}>
          {lang === 'en' ? '中文' : 'English'}
        </Button>
        {session.unavailable && (
          // The sign-in settings could not be had: said, with a way to try again (a sign-in coming back keeps its code in the address).
          <Button size="small" danger onClick={() => location.reload()} title={session.unavailable}>
            {t('登录服务暂时无法连接，点击重试', 'Sign-in unavailable: try again')}
          </Button>
        )}
        {session.enabled && (
          <Space>
            {session.user ? (
              <>
                <MyName />
                <Button size="small" onClick={() => void session.signOut()}>
                  {t('退出登录', 'Sign out')}
                </Button>
              </>
            ) : (
              <Button size="small" type="primary" onClick={() => void session.signIn()}>
                {t('登录', 'Sign in')}
              </Button>
            )}
          </Space>
        )}
      </Header>
      <Content id="main" tabIndex={-1} style={{ padding: narrow ? '16px 12px' : '24px 48px', maxWidth: 1280, width: '100%', margin: '0 auto', outline: 'none' }}>
        {session.signInFailed && (
          <Alert
            type="warning"
            showIcon
            closable
            style={{ marginBottom: 16 }}
            data-testid="sign-in-failed"
            title={t('本次登录未能完成，请点击右上角的“登录”重新登录', 'The sign-in could not be finished: choose "Sign in" at the top right to sign in again')}
            description={session.signInFailed}
          />
        )}
        <Routes>
          <Route path="/" element={<PortalPage />} />
          <Route path="/decisions" element={<DecisionsPage />} />
          <Route path="/decisions/:id" element={<DecisionPage />} />
          <Route path="/inspect" element={<InspectorPage />} />
          <Route path="/inspect/:id" element={<InspectorPage />} />
          <Route path="/accountability" element={<AccountabilityPage />} />
          <Route path="/accountability/:personId" element={<AccountabilityPage />} />
          <Route path="/sign" element={<SigningPage />} />
          <Route path="/tasks" element={<MyTasksPage signInEnabled={session.enabled} />} />
          <Route path="/catalog" element={<CatalogPage />} />
          <Route path="/statistics" element={<StatisticsPage />} />
          <Route path="/registrar" element={<RegistrarPage />} />
          <Route path="/auth/callback" element={session.unavailable ? <SignInUnavailable /> : <Navigate to="/" replace />} />
          <Route path="*" element={<Typography.Paragraph>{t('页面不存在。', 'No such page.')}</Typography.Paragraph>} />
        </Routes>
      </Content>
      <Footer style={{ textAlign: 'center', color: '#595959' }}>{t('依据《重大行政决策程序暂行条例》（国务院令第713号）', 'Under the Interim Regulations on Major Administrative Decision-making Procedures (State Council Decree No. 713)')}</Footer>
    </Layout>
  );
}
