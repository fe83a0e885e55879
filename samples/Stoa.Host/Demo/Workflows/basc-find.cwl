cwlVersion: v1.2
class: CommandLineTool
id: basc-find
doc: BaSC source finding on one radio field, by the stoa executable's `basc find`.
baseCommand: @STOA@
arguments:
  - basc
  - find
  - --out
  - $(runtime.outdir)/out
inputs:
  map:
    type: File
    doc: The dirty map (FITS, Jy/beam).
    inputBinding: {position: 1}
  psf:
    type: File
    doc: The dirty beam (FITS).
    inputBinding: {position: 2}
  pb:
    type: File?
    doc: The primary beam (FITS).
    inputBinding: {prefix: --pb}
  seed:
    type: int
    default: 1
    doc: Random seed of the sampler.
    inputBinding: {prefix: --seed}
  samples:
    type: int
    default: 300
    doc: Posterior samples to record.
    inputBinding: {prefix: --samples}
stdout: basc.log
outputs:
  catalogue:
    type: File
    doc: Catalogue of detected sources (CSV).
    outputBinding: {glob: out/catalogue.csv}
  catalogue_fits:
    type: File
    doc: Catalogue of detected sources (FITS binary table).
    outputBinding: {glob: out/catalogue.fits}
  map_png:
    type: File
    doc: The map with the detected sources marked.
    outputBinding: {glob: out/map.png}
  log:
    type: File
    outputBinding: {glob: basc.log}
