// entry point: wired in the next commit
process.stdout.write('{}');
