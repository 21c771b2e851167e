import type { Locale } from './locale.ts';

// The sentences about a workspace's members: who a plain @name is, and the member list.
export const MEMBER_MESSAGES = {
  'error.unknownMember': {
    'zh-CN': '这个工作区没有成员 @{name}。已知成员：{known}。请从 @ 列表里选人，或请对方先用一次 Growthbeat。',
    en: 'No member @{name} in this workspace. Known: {known}. Pick the person from the @ list, or ask them to use Growthbeat once.',
  },
  'error.ambiguousMember': {
    'zh-CN': '@{name} 对应多位成员：{known}。请从 @ 列表里选人。',
    en: '@{name} matches several members: {known}. Pick the person from the @ list.',
  },
  'members.none': { 'zh-CN': '（无）', en: '(none)' },
  'members.header': { 'zh-CN': '成员（{n}）', en: 'Members ({n})' },
  'members.hint': {
    'zh-CN': '在命令里用 @名字 指人（不区分大小写），例如 /growth owners roi @{example}。',
    en: 'Name a person in a command with @name (any case), e.g. /growth owners roi @{example}.',
  },
  'members.hintSandbox': {
    'zh-CN': '在沙盒里，第一次 @ 一个新名字就会创建这位成员，例如 /growth owners roi @小王。',
    en: 'In the sandbox, the first @name you use creates that member, e.g. /growth owners roi @alice.',
  },
  'col.member': { 'zh-CN': '成员', en: 'Member' },
  'col.role': { 'zh-CN': '角色', en: 'Role' },
  'role.admin': { 'zh-CN': '管理员', en: 'admin' },
  'role.manager': { 'zh-CN': '管理者', en: 'manager' },
  'role.member': { 'zh-CN': '成员', en: 'member' },
} as const satisfies Record<string, Record<Locale, string>>;
