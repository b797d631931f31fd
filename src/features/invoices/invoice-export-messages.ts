import { defineMessages } from '@/lib/i18n/define-messages'

/** The invoice list's CSV export (components/export-invoices-csv.tsx). */
export const invoiceExportMessages = defineMessages({
  en: {
    exportCsv: 'Export CSV',
    exporting: 'Exporting…',
    exportHint: 'Every invoice that matches the filters, as a spreadsheet file.',
    savedOnly: 'Saved invoices only, as of {time}.',
    savedOnlyWhy:
      'Billing is not answering, so the file holds the invoices saved in this browser that match the filters.',
    exported: 'CSV downloaded.',
    exportedSaved:
      '{count, plural, one {# saved invoice} other {# saved invoices}} only, as of {time}: invoices not saved in this browser are not in the file.',
    exportedCopy:
      'Billing is not answering: the file holds the invoices as billing last saw them, as of {time}. Newer changes are not in it.',
    exportFailed: 'Could not export the invoices.',
  },
  'pt-BR': {
    exportCsv: 'Exportar CSV',
    exporting: 'Exportando…',
    exportHint: 'Todas as faturas que correspondem aos filtros, em um arquivo de planilha.',
    savedOnly: 'Somente faturas salvas, em {time}.',
    savedOnlyWhy:
      'O faturamento não está respondendo, então o arquivo traz as faturas salvas neste navegador que correspondem aos filtros.',
    exported: 'CSV baixado.',
    exportedSaved:
      'Somente {count, plural, one {# fatura salva} other {# faturas salvas}}, em {time}: faturas não salvas neste navegador não estão no arquivo.',
    exportedCopy:
      'O faturamento não está respondendo: o arquivo traz as faturas como o faturamento as viu por último, em {time}. Alterações mais recentes não estão nele.',
    exportFailed: 'Não foi possível exportar as faturas.',
  },
})
