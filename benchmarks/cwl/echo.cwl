cwlVersion: v1.2
class: CommandLineTool
doc: The trivial tool used to time runner start-up end to end.
baseCommand: echo
inputs:
  message: {type: string, default: hello, inputBinding: {}}
outputs:
  out: stdout
stdout: out.txt
