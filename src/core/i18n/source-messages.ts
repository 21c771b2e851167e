import type { Locale } from './locale.ts';

// The sentences about data sources (growthbeat sources, /growth sources, their notices and the digest's stale line).
export const SOURCE_MESSAGES = {
  'sources.runNeeds': {
    'zh-CN': '请写出要运行的数据源名称，例如 /growth sources run warehouse',
    en: 'Name the source to run, e.g. /growth sources run warehouse',
  },
  'sources.adminOnly': { 'zh-CN': '只有工作区管理员可以查看和运行数据源', en: 'Only a workspace admin can see and run data sources' },
  'sources.header': { 'zh-CN': '数据源（{n}）', en: 'Data sources ({n})' },
  'sources.none': {
    'zh-CN': '还没有数据源。管理员可以用命令行添加：growthbeat sources add <名称> --kind postgres …',
    en: 'No data sources yet. An admin adds one from the command line: growthbeat sources add <name> --kind postgres …',
  },
  'col.source': { 'zh-CN': '数据源', en: 'Source' },
  'col.kind': { 'zh-CN': '类型', en: 'Kind' },
  'col.lastSuccess': { 'zh-CN': '最近成功', en: 'Last success' },
  'col.lastError': { 'zh-CN': '最近错误', en: 'Last error' },
  'col.nextRun': { 'zh-CN': '下次运行', en: 'Next run' },
  'col.state': { 'zh-CN': '状态', en: 'State' },
  'sources.state.ok': { 'zh-CN': '正常', en: 'ok' },
  'sources.state.failing': { 'zh-CN': '失败中', en: 'failing' },
  'sources.state.overdue': { 'zh-CN': '未按时运行', en: 'overdue' },
  'sources.state.never': { 'zh-CN': '尚未运行', en: 'not run yet' },
  'sources.never': { 'zh-CN': '从未', en: 'never' },
  'sources.manual': { 'zh-CN': '仅手动', en: 'by hand only' },
  'sources.stale': {
    'zh-CN': '数据已过期：数据源 **{source}** 自 {since} 起没有送来新数据。',
    en: 'Stale data: source **{source}** has delivered nothing since {since}.',
  },
  'sources.failed': {
    'zh-CN': '数据源 **{source}** 运行失败：{error}。恢复之前不会重复提醒，恢复时会再通知。',
    en: 'Data source **{source}** failed: {error}. You will not be told again until it recovers.',
  },
  'sources.recovered': {
    'zh-CN': '数据源 **{source}** 已恢复：新增 {inserted} 条，更新 {updated} 条。',
    en: 'Data source **{source}** recovered: {inserted} inserted, {updated} updated.',
  },
  'sources.ran': {
    'zh-CN': '数据源 **{source}**（自 {since}）：读取 {rows} 行，新增 {inserted}，更新 {updated}，未变 {unchanged}。',
    en: 'Source **{source}** (since {since}): {rows} rows read, {inserted} inserted, {updated} updated, {unchanged} unchanged.',
  },
  'sources.notModified': {
    'zh-CN': '数据源 **{source}** 自上次运行以来没有变化，无需导入。',
    en: 'Source **{source}** has not changed since its last run: nothing to import.',
  },
  'sources.unknown': {
    'zh-CN': '没有名为 {name} 的数据源。已有：{known}。',
    en: 'No data source named {name}. There are: {known}.',
  },
  'sources.unavailable': {
    'zh-CN': '这个进程不能运行数据源，请用命令行：growthbeat sources run <名称>。',
    en: 'This process cannot run sources; use the command line: growthbeat sources run <name>.',
  },
  'sources.runFailed': { 'zh-CN': '数据源 **{source}** 运行失败：{error}', en: 'Source **{source}** failed: {error}' },
} as const satisfies Record<string, Record<Locale, string>>;
