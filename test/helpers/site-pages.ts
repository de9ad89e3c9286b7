// Pages of a site for the site-template tests: five different plans, and the site's template
// (lines no built-in rule names).
export const header = '星辰文库 — 每日更新精选文章';
export const footer = '星辰文库收录的文章来自作者投稿，转载请注明出处';
export const disclaimer = '温馨提示：文章仅代表作者观点，与星辰文库立场无关';

/** Five different plans, each with its own numbered entries. */
export const PLANS: readonly string[] = [
  '学校安全工作计划\n一、指导思想\n坚持安全第一、预防为主的方针。\n1.加强安全教育，每月开展一次主题班会\n2.落实校园巡查制度，做好值班记录工作\n3.开展消防疏散演练，提高师生自救能力',
  '教研组工作计划\n一、工作目标\n提高课堂教学效率。\n1.组织教师集体备课，统一教学进度安排\n2.开展公开课评比活动，促进教师专业成长\n3.做好课题研究工作，推动教学方法改革',
  '社区卫生工作方案\n一、基本情况\n本社区共有居民三千余户。\n1.建立居民健康档案，定期开展入户随访\n2.组织义诊进社区活动，普及慢病防治知识\n3.加强公共场所消毒，做好环境卫生整治',
  '企业年度培训计划\n一、培训目标\n提升员工岗位技能。\n1.新员工入职培训覆盖全部新进人员\n2.组织管理人员参加领导力提升专题课程\n3.建立培训效果评估机制，跟踪学员表现',
  '图书馆读书月活动方案\n一、活动主题\n书香校园，阅读悦心。\n1.举办读书分享会，邀请优秀读者交流心得\n2.开展好书推荐评选活动，评出十佳图书\n3.组织图书漂流活动，鼓励师生共享藏书',
];

export const withTemplate = (plan: string): string => `${header}\n${plan}\n${disclaimer}\n${footer}`;
