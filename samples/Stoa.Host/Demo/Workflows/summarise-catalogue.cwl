cwlVersion: v1.2
class: CommandLineTool
id: summarise-catalogue
doc: Summarises one BaSC catalogue (number of sources, total and brightest flux) as the tool's output object.
baseCommand: [awk, -F, ",", 'NR > 1 { n++; s += $5; if ($5 > m) m = $5 } END { printf "{\"n_sources\": %d, \"total_flux\": %.6g, \"max_flux\": %.6g}\n", n, s, m }']
inputs:
  field:
    type: string
    doc: The field's name (the table key).
  catalogue:
    type: File
    doc: A BaSC catalogue (CSV with flux_jy in column 5).
    inputBinding: {position: 1}
stdout: cwl.output.json
outputs:
  n_sources: int
  total_flux: double
  max_flux: double
