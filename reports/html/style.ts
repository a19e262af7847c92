/** The report page's stylesheet, inlined into index.html. Outcome colours are defined once here. */
const OUTCOME_COLORS: Record<string, [bg: string, fg: string]> = {
  pass: ['#bbf7d0', '#14532d'],
  accepted: ['#a5f3fc', '#164e63'],
  fail: ['#fecaca', '#7f1d1d'],
  error: ['#e9d5ff', '#581c87'],
  timeout: ['#fed7aa', '#7c2d12'],
  skip: ['#e5e7eb', '#374151'],
  xfail: ['#fde2e2', '#9f5b5b'],
  xpass: ['#fef08a', '#713f12'],
  none: ['#f3f4f6', '#9ca3af'],
};

const outcomeRules = Object.entries(OUTCOME_COLORS).map(([o, [bg, fg]]) =>
  `.o-${o}{background:${bg};color:${fg}}.o-${o}-text{color:${fg}}.o-${o}-border{border-left-color:${fg}}`).join('\n');

export const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111827;background:#fff}
header{padding:12px 20px;border-bottom:1px solid #e5e7eb;display:flex;flex-wrap:wrap;gap:4px 24px;align-items:baseline}
header h1{font-size:20px;margin:0}
header .meta{color:#6b7280}
nav#tabs{display:flex;gap:4px;padding:8px 20px 0}
nav#tabs a{padding:6px 12px;border:1px solid #e5e7eb;border-bottom:none;border-radius:6px 6px 0 0;text-decoration:none;color:#374151}
nav#tabs a.active{background:#111827;color:#fff}
html:not(.js) .jsonly{display:none!important}
form#filters{display:flex;flex-wrap:wrap;gap:6px;padding:8px 20px;border-top:1px solid #e5e7eb;border-bottom:1px solid #e5e7eb;background:#f9fafb}
form#filters select,form#filters input{font:inherit;padding:3px 6px;border:1px solid #d1d5db;border-radius:4px;background:#fff}
form#filters input[type=search]{min-width:220px;flex:1}
main{padding:12px 20px}
a{color:#1d4ed8}
table{border-collapse:collapse;margin:8px 0 20px}
caption{text-align:left;font-weight:600;padding:4px 0;color:#374151}
th,td{padding:3px 8px;border-bottom:1px solid #f3f4f6;text-align:left;vertical-align:top}
thead th{position:sticky;top:0;background:#fff;border-bottom:1px solid #d1d5db;font-weight:600}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.sub{color:#6b7280;font-size:12px;font-weight:normal}
tr.family th{background:#f3f4f6;text-transform:uppercase;font-size:12px;letter-spacing:.05em;color:#4b5563}
th.syscall{min-width:260px;max-width:520px}
th.adapter{white-space:nowrap}
th.adapter.selected{text-decoration:underline}
td.share{text-align:center;min-width:72px;padding:0}
td.share a{display:block;padding:3px 6px;color:#111827;text-decoration:none;font-variant-numeric:tabular-nums}
td.share small{display:block;font-size:11px;color:#374151}
td.share a:hover{outline:2px solid #111827}
.chip{display:inline-block;min-width:58px;padding:0 4px;margin-right:2px;border-radius:3px;font-size:11px;text-align:center;line-height:18px}
${outcomeRules}
.vlist{height:calc(100vh - 190px);min-height:300px;overflow-y:auto;border:1px solid #e5e7eb;border-radius:4px;position:relative}
.vlist .spacer{position:relative}
.vlist .rows{position:absolute;left:0;right:0;top:0;will-change:transform}
a.row{display:flex;gap:10px;height:30px;align-items:center;padding:0 8px;border-bottom:1px solid #f3f4f6;color:inherit;text-decoration:none;white-space:nowrap;overflow:hidden}
a.row:hover{background:#f9fafb}
a.row .chips{flex:none}
.chips.compact .chip{min-width:0;width:14px;height:18px;padding:0;font-size:0;vertical-align:middle;margin-right:1px}
a.row .id{flex:0 1 auto;max-width:45%;overflow:hidden;text-overflow:ellipsis;font-family:ui-monospace,Menlo,monospace;font-size:12px}
a.row .desc{flex:1;overflow:hidden;text-overflow:ellipsis;color:#4b5563}
p.count{margin:4px 0 8px;display:inline-block}
.legend{margin-left:16px}
aside#detail{position:fixed;top:0;right:0;bottom:0;width:min(900px,62vw);overflow-y:auto;background:#fff;border-left:1px solid #d1d5db;box-shadow:-8px 0 24px rgba(0,0,0,.08);padding:12px 20px 40px;z-index:10}
aside#detail .close{position:absolute;top:8px;right:14px;font-size:24px;text-decoration:none;color:#374151}
aside#detail h2{font-size:16px;margin:8px 30px 4px 0;word-break:break-all}
section.result{border-left:4px solid #d1d5db;padding:4px 0 4px 12px;margin:12px 0}
section.result h3{margin:4px 0}
h4{margin:10px 0 4px;font-size:13px;color:#374151}
pre.out{background:#f9fafb;border:1px solid #e5e7eb;border-radius:4px;padding:6px 8px;margin:0;max-height:340px;overflow:auto;font-size:12px;white-space:pre-wrap;word-break:break-all}
.diff{display:grid;grid-template-columns:1fr 1fr;gap:8px}
.bad{color:#b91c1c;font-weight:600}
pre .bad{background:#fee2e2}
.message{color:#7f1d1d;background:#fef2f2;padding:4px 8px;border-radius:4px}
.behaviour{color:#164e63;background:#ecfeff;padding:4px 8px;border-radius:4px}
.unavailable{color:#92400e;background:#fffbeb;padding:4px 8px;border-radius:4px}
.divergence{color:#7c2d12;background:#fff7ed;padding:4px 8px;border-radius:4px}
.same{color:#14532d}
blockquote.quote{margin:6px 0;padding:4px 12px;border-left:3px solid #93c5fd;color:#1e3a8a;background:#eff6ff}
table.trace{font-family:ui-monospace,Menlo,monospace;font-size:12px}
table.trace td{border-bottom:1px solid #f3f4f6}
table.trace tr.diverge td{background:#ffedd5;outline:1px solid #fb923c}
.pn{color:#6b7280}
.tag{display:inline-block;padding:0 6px;border-radius:10px;background:#eef2ff;color:#3730a3;font-size:12px;text-decoration:none}
table.kv th{width:110px;color:#4b5563}
code.sig{white-space:normal}
td ul{margin:0;padding-left:16px}
.empty{color:#6b7280}
details.wat summary{cursor:pointer;font-weight:600;margin:10px 0 4px}
noscript p{margin:8px 20px;padding:6px 10px;background:#fffbeb;border-radius:4px}
`;
