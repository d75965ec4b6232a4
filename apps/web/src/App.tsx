import { AuditOutlined, BookOutlined, CheckSquareOutlined, EditOutlined, FileSearchOutlined, IdcardOutlined, TeamOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, Space, Typography } from 'antd';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import type { Session } from './auth/session';
import { CatalogPage } from './pages/CatalogPage';
import { DecisionPage } from './pages/DecisionPage';
import { DecisionsPage } from './pages/DecisionsPage';
import { InspectorPage } from './pages/InspectorPage';
import { MyTasksPage } from './pages/MyTasksPage';
import { PortalPage } from './pages/PortalPage';
import { RegistrarPage } from './pages/RegistrarPage';
import { SigningPage } from './pages/SigningPage';

const { Header, Content, Footer } = Layout;

const MENU = [
  { key: '/', icon: <TeamOutlined />, label: <Link to="/">公众参与</Link> },
  { key: '/tasks', icon: <CheckSquareOutlined />, label: <Link to="/tasks">我的待办</Link> },
  { key: '/decisions', icon: <FileSearchOutlined />, label: <Link to="/decisions">决策事项</Link> },
  { key: '/catalog', icon: <BookOutlined />, label: <Link to="/catalog">决策目录</Link> },
  { key: '/inspect', icon: <AuditOutlined />, label: <Link to="/inspect">核查</Link> },
  { key: '/sign', icon: <EditOutlined />, label: <Link to="/sign">签署</Link> },
  { key: '/registrar', icon: <IdcardOutlined />, label: <Link to="/registrar">登记员</Link> },
];

export function App({ session }: { session: Session }) {
  const { pathname } = useLocation();
  const selected = MENU.map((m) => m.key).filter((k) => (k === '/' ? pathname === '/' : pathname.startsWith(k)));
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header style={{ display: 'flex', alignItems: 'center', gap: 24 }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
          重大行政决策
        </Typography.Title>
        <Menu theme="dark" mode="horizontal" selectedKeys={selected} items={MENU} style={{ flex: 1, minWidth: 0 }} />
        {session.enabled && (
          <Space>
            {session.user ? (
              <>
                <Typography.Text style={{ color: '#fff' }}>{String(session.user.profile.name ?? session.user.profile.sub)}</Typography.Text>
                <Button size="small" onClick={() => void session.signOut()}>
                  退出登录
                </Button>
              </>
            ) : (
              <Button size="small" type="primary" onClick={() => void session.signIn()}>
                登录
              </Button>
            )}
          </Space>
        )}
      </Header>
      <Content style={{ padding: '24px 48px', maxWidth: 1280, width: '100%', margin: '0 auto' }}>
        <Routes>
          <Route path="/" element={<PortalPage />} />
          <Route path="/decisions" element={<DecisionsPage />} />
          <Route path="/decisions/:id" element={<DecisionPage />} />
          <Route path="/inspect" element={<InspectorPage />} />
          <Route path="/inspect/:id" element={<InspectorPage />} />
          <Route path="/sign" element={<SigningPage />} />
          <Route path="/tasks" element={<MyTasksPage />} />
          <Route path="/catalog" element={<CatalogPage />} />
          <Route path="/registrar" element={<RegistrarPage />} />
          <Route path="/auth/callback" element={<Navigate to="/" replace />} />
          <Route path="*" element={<Typography.Paragraph>页面不存在。</Typography.Paragraph>} />
        </Routes>
      </Content>
      <Footer style={{ textAlign: 'center', color: '#888' }}>依据《重大行政决策程序暂行条例》（国务院令第713号）</Footer>
    </Layout>
  );
}
