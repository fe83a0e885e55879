cwlVersion: v1.2
class: Workflow
id: find-sources
doc: One radio field through BaSC source finding (one worktable row per field).
inputs:
  field:
    type: string
    doc: The field's name (the table key).
  map: File
  psf: File
  pb: File?
  seed:
    type: int
    default: 1
  samples:
    type: int
    default: 300
steps:
  find:
    run: basc-find.cwl
    in:
      map: map
      psf: psf
      pb: pb
      seed: seed
      samples: samples
    out: [catalogue, catalogue_fits, map_png]
outputs:
  catalogue:
    type: File
    outputSource: find/catalogue
  catalogue_fits:
    type: File
    outputSource: find/catalogue_fits
  map_png:
    type: File
    outputSource: find/map_png
