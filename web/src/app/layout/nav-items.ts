import {
  Bot,
  Inbox,
  LayoutDashboard,
  type LucideIcon,
  MessagesSquare,
  PhoneCall,
  Settings,
  Users,
} from 'lucide-react'

export interface NavItem {
  to: string
  /** Key under `nav.` in the locale files. */
  key: string
  icon: LucideIcon
  end?: boolean
}

export const NAV_GROUPS: { key: string | null; items: NavItem[] }[] = [
  { key: null, items: [{ to: '/', key: 'overview', icon: LayoutDashboard, end: true }] },
  {
    key: 'voice',
    items: [
      { to: '/assistants', key: 'assistants', icon: Bot },
      { to: '/calls', key: 'calls', icon: PhoneCall },
    ],
  },
  {
    key: 'messaging',
    items: [
      { to: '/inbox', key: 'inbox', icon: Inbox },
      { to: '/channels', key: 'channels', icon: MessagesSquare },
    ],
  },
  {
    key: 'organization',
    items: [
      { to: '/settings', key: 'settings', icon: Settings },
      { to: '/team', key: 'team', icon: Users },
    ],
  },
]
