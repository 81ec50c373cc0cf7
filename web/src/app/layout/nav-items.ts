import {
  BookOpen,
  Bot,
  GitBranch,
  Inbox,
  LayoutDashboard,
  type LucideIcon,
  MessagesSquare,
  Phone,
  PhoneCall,
  ShieldCheck,
  Settings,
  Users,
} from 'lucide-react'

export interface NavItem {
  to: string
  /** Key under `nav.` in the locale files. */
  key: string
  icon: LucideIcon
  end?: boolean
  /** Shown only to platform admins (a flag on the user, not a tenant role). */
  platformAdmin?: boolean
}

export const NAV_GROUPS: { key: string | null; items: NavItem[] }[] = [
  { key: null, items: [{ to: '/', key: 'overview', icon: LayoutDashboard, end: true }] },
  {
    key: 'voice',
    items: [
      { to: '/assistants', key: 'assistants', icon: Bot },
      { to: '/workflows', key: 'workflows', icon: GitBranch },
      { to: '/numbers', key: 'numbers', icon: Phone },
      { to: '/knowledge', key: 'knowledge', icon: BookOpen },
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
      { to: '/admin', key: 'admin', icon: ShieldCheck, platformAdmin: true },
    ],
  },
]

/** The groups and items this user may see: the platform-admin items only for platform admins. */
export function visibleNavGroups({ platformAdmin }: { platformAdmin: boolean }) {
  return NAV_GROUPS.map((group) => ({
    ...group,
    items: group.items.filter((item) => !item.platformAdmin || platformAdmin),
  })).filter((group) => group.items.length > 0)
}
