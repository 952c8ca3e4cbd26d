import { Route, Routes } from 'react-router-dom';
import { AppLayout } from './layout/app-layout.js';
import { ActivityPage } from './routes/activity-page.js';
import { ComingSoonPage } from './routes/coming-soon-page.js';
import { ConversationPage } from './routes/conversation-page.js';
import { HomeFeedPage } from './routes/home-feed-page.js';
import { MessageGroupsPage } from './routes/message-groups-page.js';
import { NotFoundPage } from './routes/not-found-page.js';
import { NotificationsPage } from './routes/notifications-page.js';
import { SearchPage } from './routes/search-page.js';
import { SignInPage } from './routes/sign-in-page.js';
import { UserFeedPage } from './routes/user-feed-page.js';

/** The original Cruddur's pages; `/:segment` is `/@handle` (see useHandleParam). */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<HomeFeedPage />} />
        <Route path="notifications" element={<NotificationsPage />} />
        <Route path="search" element={<SearchPage />} />
        <Route path="messages" element={<MessageGroupsPage />} />
        <Route path="messages/:segment" element={<ConversationPage />} />
        <Route path="signin" element={<SignInPage />} />
        <Route
          path="signup"
          element={
            <ComingSoonPage
              title="Sign up"
              what="Creating an account is coming with the identity provider: you will choose a handle, give your email and a password, and confirm with a code we send."
            />
          }
        />
        <Route
          path="confirm"
          element={
            <ComingSoonPage
              title="Confirm your email"
              what="Email confirmation is coming with sign-up: enter the code from the email here."
            />
          }
        />
        <Route
          path="forgot"
          element={
            <ComingSoonPage
              title="Recover your password"
              what="Password recovery is coming with real passwords: we will email a code to reset yours."
            />
          }
        />
        <Route path=":segment" element={<UserFeedPage />} />
        <Route path=":segment/status/:uuid" element={<ActivityPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
