"""Reading and writing tables (Excel workbooks and CSV files) as plain rows.

Nothing here knows the register: :mod:`cells` turns messy cell values into dates, numbers and
ID numbers, :mod:`tables` finds the header row and streams data rows with their sheet row
numbers, :mod:`workbook` writes formatted workbooks. The importer and exporter services sit
on top.
"""
