cwlVersion: v1.2
class: Workflow
doc: A scatter of trivial jobs that all write the same stdout name; every output must survive.
requirements:
  ScatterFeatureRequirement: {}
inputs:
  items: int[]
outputs:
  outs:
    type: File[]
    outputSource: echo/out
steps:
  echo:
    run:
      class: CommandLineTool
      baseCommand: echo
      inputs:
        n: {type: int, inputBinding: {}}
      outputs:
        out: stdout
      stdout: out.txt
    scatter: n
    in: {n: items}
    out: [out]
