/**
 * The one stylesheet every logit chart uses, scoped to `svg.logit-plot` so it cannot leak into
 * a host page. Colours are the Okabe–Ito palette (distinguishable with the common colour-vision
 * deficiencies), and the two classes also differ in shape: negatives are hollow circles,
 * positives filled ones, so the charts survive greyscale printing.
 */
export const PLOT_CSS = `
svg.logit-plot{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:12px;color:#1f2937;background:#fff}
svg.logit-plot .bg{fill:#fff}
svg.logit-plot .title{font-size:15px;font-weight:600;fill:#111827}
svg.logit-plot .grid line{stroke:#e5e7eb;stroke-width:1}
svg.logit-plot .axis line{stroke:#6b7280;stroke-width:1}
svg.logit-plot .tick{fill:#4b5563;font-size:11px;font-variant-numeric:tabular-nums}
svg.logit-plot .label{fill:#374151;font-size:12px}
svg.logit-plot .legend-label{fill:#374151;font-size:11.5px}
svg.logit-plot .note{fill:#4b5563;font-size:11px;font-style:italic}
svg.logit-plot .annot{fill:#111827;font-size:11px;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
svg.logit-plot .curve{fill:none;stroke:#111827;stroke-width:2}
svg.logit-plot .ref{fill:none;stroke:#9ca3af;stroke-width:1.2;stroke-dasharray:5 4}
svg.logit-plot .thr{fill:none;stroke:#374151;stroke-width:1.4;stroke-dasharray:7 3}
svg.logit-plot .marker{fill:#111827;stroke:#fff;stroke-width:1.5}
svg.logit-plot .pt-neg{fill:none;stroke:#0072B2;stroke-width:1.2;stroke-opacity:.85}
svg.logit-plot .pt-pos{fill:#D55E00;fill-opacity:.75;stroke:#fff;stroke-width:.5}
svg.logit-plot .pt{fill:#0072B2;fill-opacity:.6;stroke:#fff;stroke-width:.5}
svg.logit-plot .s0{fill:none;stroke:#0072B2;stroke-width:2}
svg.logit-plot .s1{fill:none;stroke:#D55E00;stroke-width:2}
svg.logit-plot .s2{fill:none;stroke:#009E73;stroke-width:2}
svg.logit-plot .s3{fill:none;stroke:#CC79A7;stroke-width:2;stroke-dasharray:2 2}
svg.logit-plot .area{fill:#0072B2;fill-opacity:.08;stroke:none}
svg.logit-plot .contour{fill:none;stroke:#374151;stroke-width:.8;stroke-opacity:.55}
svg.logit-plot .contour-main{fill:none;stroke:#111827;stroke-width:2.6}
svg.logit-plot .b0{fill:#c6dbef}svg.logit-plot .b1{fill:#d5e4f3}svg.logit-plot .b2{fill:#e2ecf7}svg.logit-plot .b3{fill:#edf3fa}svg.logit-plot .b4{fill:#f7f9fc}
svg.logit-plot .b5{fill:#fdf7f2}svg.logit-plot .b6{fill:#fcebdf}svg.logit-plot .b7{fill:#f9dcc8}svg.logit-plot .b8{fill:#f6cbb0}svg.logit-plot .b9{fill:#f2b995}
svg.logit-plot .bar-pos{fill:#D55E00;fill-opacity:.8}
svg.logit-plot .bar-neg{fill:#0072B2;fill-opacity:.8}
svg.logit-plot .whisker{stroke:#111827;stroke-width:1.3;fill:none}
svg.logit-plot .zero{stroke:#374151;stroke-width:1}
svg.logit-plot .cell{stroke:#fff;stroke-width:2}
svg.logit-plot .m0{fill:#f7fbff}svg.logit-plot .m1{fill:#deebf7}svg.logit-plot .m2{fill:#c6dbef}svg.logit-plot .m3{fill:#9ecae1}svg.logit-plot .m4{fill:#6baed6}
svg.logit-plot .m5{fill:#4292c6}svg.logit-plot .m6{fill:#2171b5}svg.logit-plot .m7{fill:#08519c}svg.logit-plot .m8{fill:#08306b}
svg.logit-plot .cell-count{font-size:18px;font-weight:600;fill:#111827;font-variant-numeric:tabular-nums}
svg.logit-plot .cell-share{font-size:11.5px;fill:#374151}
svg.logit-plot .dark .cell-count,svg.logit-plot .dark .cell-share{fill:#fff}
`.trim();
