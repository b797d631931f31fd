/** The contact sheet's index.html: every screenshot in a grid, one section per state, with its names. */
export type Shot = {
  file: string
  stateName: string
  stateDescription: string
  pageName: string
  width: number
  locale: string
}

const escape = (text: string) =>
  text.replace(/[&<>"]/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[character]!)

export function contactSheetHtml(shots: readonly Shot[], createdAt: Date): string {
  const states = [...new Set(shots.map((shot) => shot.stateName))]
  const sections = states.map((stateName) => {
    const ofState = shots.filter((shot) => shot.stateName === stateName)
    const figures = ofState.map(
      (shot) => `<figure class="w${shot.width}">
  <a href="${escape(shot.file)}"><img src="${escape(shot.file)}" alt="${escape(`${shot.pageName}, ${stateName}, ${shot.width} px, ${shot.locale}`)}" loading="lazy"></a>
  <figcaption>${escape(shot.pageName)} · ${shot.width} px · ${escape(shot.locale)}</figcaption>
</figure>`,
    )
    return `<section>
<h2>${escape(stateName)}</h2>
<p>${escape(ofState[0]?.stateDescription ?? '')}</p>
<div class="grid">
${figures.join('\n')}
</div>
</section>`
  })
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Billing admin center: contact sheet</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #1b1f24; background: #f6f7f9; }
  h1 { font-size: 1.4rem; margin: 0 0 0.25rem; }
  h2 { font-size: 1.15rem; margin: 2rem 0 0.25rem; }
  section > p { margin: 0 0 0.75rem; color: #4b5563; max-width: 60rem; }
  .grid { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; }
  figure { margin: 0; background: #fff; border: 1px solid #d0d5dd; border-radius: 6px; padding: 0.5rem; }
  figure.w1280 img { width: 320px; }
  figure.w390 img { width: 130px; }
  img { display: block; height: auto; max-height: 480px; object-fit: cover; object-position: top; }
  figcaption { margin-top: 0.35rem; font-size: 0.8rem; color: #4b5563; }
</style>
</head>
<body>
<h1>Contact sheet</h1>
<p>Every page of the billing admin center in every gallery state (src/dev/gallery/gallery-states.ts), at 1280 and 390 px. ${shots.length} screenshots, ${escape(createdAt.toISOString())}. Click one for full size.</p>
${sections.join('\n')}
</body>
</html>
`
}
