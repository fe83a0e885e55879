cwlVersion: v1.2
class: Workflow
doc: The scatter of scatter.cwl with its tool in a container (a hint, so --no-container runs the same on the host).
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
      hints:
        DockerRequirement: {dockerPull: docker.io/library/debian:stable-slim}
      baseCommand: echo
      inputs:
        n: {type: int, inputBinding: {}}
      outputs:
        out: stdout
      stdout: out.txt
    scatter: n
    in: {n: items}
    out: [out]
