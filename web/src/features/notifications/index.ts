// The notifications feature's public surface: the header's bell (the app layout mounts it).
export { NotificationBell } from './components/notification-bell.tsx'
