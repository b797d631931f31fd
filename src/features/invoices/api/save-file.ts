/**
 * Hands a file the app fetched (or wrote) to the browser as a download: an object URL on a hidden
 * link, clicked. The PDF of an invoice and the CSV of the list go this way.
 */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.hidden = true
  document.body.append(link)
  try {
    link.click()
  } finally {
    link.remove()
    // Some browsers start reading the file after the click returns: free it on the next task.
    setTimeout(() => URL.revokeObjectURL(url), 0)
  }
}
