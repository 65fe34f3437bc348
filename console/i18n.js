// Labels in Chinese (the default, as on every service center's wall) and English.
const WORDS = {
  zh: {
    title: '电子监察大屏',
    signIn: '登录',
    signOut: '退出',
    tokenLabel: '粘贴令牌（由管理员签发：npx casetrail token …）',
    tokenRefused: '令牌无效或已过期，请重新登录',
    connecting: '连接中…',
    live: '实时',
    reconnecting: '重新连接中…',
    period: '本月',
    received: '收件',
    accepted: '受理',
    completed: '办结',
    onTimeRate: '按时办结率',
    satisfaction: '满意度',
    openCases: '在办件',
    byWindow: '各窗口在办件（按时限状态）',
    ON_TRACK: '正常',
    WARNING: '黄牌预警',
    OVERDUE: '红牌超期',
    SUSPENDED: '暂停计时',
    warnings: '预警与超期',
    scoreboard: '窗口考核排名',
    ticker: '实时动态',
    none: '暂无',
    due: '到期',
    daysLeft: (n) => (n < 0 ? `超期 ${-n} 个工作日` : `剩余 ${n} 个工作日`),
    window: '窗口',
    points: '分',
    language: 'English',
  },
  en: {
    title: 'Center board',
    signIn: 'Sign in',
    signOut: 'Sign out',
    tokenLabel: 'Paste a token (issued by an administrator: npx casetrail token …)',
    tokenRefused: 'The token was refused or has expired: sign in again',
    connecting: 'Connecting…',
    live: 'Live',
    reconnecting: 'Reconnecting…',
    period: 'This month',
    received: 'Received',
    accepted: 'Accepted',
    completed: 'Completed',
    onTimeRate: 'On time',
    satisfaction: 'Satisfaction',
    openCases: 'Open cases',
    byWindow: 'Open cases by window and time state',
    ON_TRACK: 'On track',
    WARNING: 'Yellow',
    OVERDUE: 'Red',
    SUSPENDED: 'Suspended',
    warnings: 'Warnings and overdue',
    scoreboard: 'Window ranking',
    ticker: 'Live events',
    none: 'None',
    due: 'due',
    daysLeft: (n) => (n < 0 ? `${-n} working days over` : `${n} working days left`),
    window: 'Window',
    points: 'points',
    language: '中文',
  },
};

export let lang = localStorage.getItem('casetrail.lang') === 'en' ? 'en' : 'zh';

export function t(key, ...args) {
  const word = WORDS[lang][key] ?? key;
  return typeof word === 'function' ? word(...args) : word;
}

export function toggleLanguage() {
  lang = lang === 'zh' ? 'en' : 'zh';
  localStorage.setItem('casetrail.lang', lang);
}
