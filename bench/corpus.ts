/** Deterministic, realistic OCR text: Chinese and English mixed, 200 to 2,000 characters an entry. */
const ZH = '的 一 是 在 不 了 有 和 人 这 中 大 为 上 个 国 我 以 要 他 时 来 用 们 生 到 作 地 于 出 就 分 对 成 会 可 主 发 年 动 同 工 也 能 下 过 子 说 产 种 面 而 方 后 多 定 行 学 法 所 民 得 经 十 三 之 进 着 等 部 度 家 电 力 里 如 水 化 高 自 二 理 起 小 物 现 实 加 量 都 两 体 制 机 当 使 点 从 业 本 去 把 性 好 应 开 它 合 还 因 由 其 些 然 前 外 天 政 四 日 那 社 义 事 平 形 相 全 表 间 样 与 关 各 重 新 线 内 数 正 心 反 你 明 看 原 又 么 利 比 或 但 质 气 第 向 道 命 此 变 条 只 没 结 解 问 意 建 月 公 无 系 军 很 情 者 最 立 代 想 已 通 并 提 直 题 党 程 展 五 果 料 象 员 革 位 入 常 文 总 次 品 式 活 设 及 管 特 件 长 求 老 头 基 资 边 流 路 级 少 图 山 统 接 知 较 将 组 见 计 别 她 手 角 期 根 论 运 农 指 几 九 区 强 放 决 西 被 干 做 必 战 先 回 则 任 取 据 处 队 南 给 色 光 门 即 保 治 北 造 百 规 热 领 七 海 口 东 导 器 压 志 世 金 增 争 济 阶 油 思 术 极 交 受 联 什 认 六 共 权 收 证 改 清 己 美 再 采 转 更 单 风 切 打 白 教 速 花 带 安 场 身 车 例 真 务 具 万 每 目 至 达 走 积 示 议 声 报 斗 完 类 八 离 华 名 确 才 科 张 信 马 节 话 米 整 空 元 况 今 集 温 传 土 许 步 群 广 石 记 需 段 研 界 拉 林 律 叫 且 究 观 越 织 装 影 算 低 持 音 众 书 布 复 容 儿 须 际 商 非 验 连 断 深 难 近 矿 千 周 委 素 技 备 半 办 青 省 列 习 响 约 支 般 史 感 劳 便 团 往 酸 历 市 克 何 除 消 构 府 称 太 准 精 值 号 率 族 维 划 选 标 写 存 候 毛 亲 快 效 斯 院 查 江 型 眼 王 按 格 养 易 置 派 层 片 始 却 专 状 育 厂 京 识 适 属 圆 包 火 住 调 满 县 局 照 参 红 细 引 听 该 铁 价 严'.split(' ');
const EN = 'the of and to in is for on that with as this by from are at be it or an was which not text screen image page file table total invoice number date name address order meeting project report version release update error warning server client request response data model token price account payment summary section figure chapter note settings window button click open save copy paste search history export import'.split(' ');

/** A small linear congruential generator: the same corpus on every machine and run. */
export function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export const RARE_EN = 'zymurgy';
export const RARE_ZH = '麒麟瓷器';
export const RARE_ZH_SHORT = '麟瓷';

/** Text for entry `n`; every 10,000th entry carries the rare words. */
export function entryText(n: number, random: () => number): string {
  const target = 200 + Math.floor(random() * 1800);
  const parts: string[] = [];
  let length = 0;
  while (length < target) {
    const chinese = random() < 0.55;
    const run = 3 + Math.floor(random() * 12);
    const piece = chinese
      ? Array.from({ length: run }, () => ZH[Math.floor(random() * ZH.length)]).join('') + (random() < 0.3 ? '。' : '，')
      : `${Array.from({ length: run }, () => EN[Math.floor(random() * EN.length)]).join(' ')}${random() < 0.2 ? '.\n' : ' '}`;
    parts.push(piece);
    length += piece.length;
  }
  if (n % 10_000 === 0) parts.splice(1, 0, ` ${RARE_EN} ${RARE_ZH} `);
  return parts.join('').slice(0, Math.max(target, 0) + 40);
}
