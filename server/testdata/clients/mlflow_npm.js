// Drives the `mlflow` npm package (a Node.js MLflow client that mlscope did
// not write) through each of its methods against the server given as the
// first argument, and prints the ids and answers it saw as one JSON line.
// server/npmclient_test.go runs it and then reads the tree from disk.
'use strict'
const MLflow = require('mlflow')

async function main() {
  const client = new MLflow({ endpoint: process.argv[2] })
  const { Experiments, Runs, Metrics, Artifacts } = client
  const out = {}

  const { experiment_id: exp } = await Experiments.create({ name: 'npm-client' })
  out.exp = exp
  await Experiments.setExperimentTag({ experiment_id: exp, key: 'team', value: 'ml' })
  await Experiments.update({ experiment_id: exp, new_name: 'npm-client-renamed' })
  out.expGet = (await Experiments.get({ experiment_id: exp })).experiment
  out.listed = (await Experiments.list()).experiments.map(e => e.name)

  const { run } = await Runs.create({
    experiment_id: exp, user_id: 'node', start_time: 1700000000000,
    tags: [{ key: 'mlflow.runName', value: 'node-run' },
      { key: 'mlflow.source.name', value: 'train.js' }],
  })
  const id = run.info.run_id
  out.run = id
  await Runs.logParameter({ run_id: id, key: 'lr', value: '0.01' })
  await Runs.logMetric({ run_id: id, key: 'loss', value: 0.5, timestamp: 1700000000100, step: 0 })
  await Runs.logMetric({ run_id: id, key: 'loss', value: 0.25, timestamp: 1700000000200, step: 1 })
  await Runs.setTag({ run_id: id, key: 'stage', value: 'dev' })
  await Runs.setTag({ run_id: id, key: 'tmp', value: 'x' })
  await Runs.deleteTag({ run_id: id, key: 'tmp' })
  await Runs.logBatch({
    run_id: id,
    metrics: [{ key: 'acc', value: 0.9, timestamp: 1700000000300, step: 2 },
      { key: 'train/loss', value: 1e-05, timestamp: 1700000000400, step: 3 }],
    params: [{ key: 'depth', value: '3' }],
    tags: [{ key: 'framework', value: 'node' }],
  })
  out.update = (await Runs.update({ run_id: id, status: 'FINISHED', end_time: 1700000009000 }))
  out.runGet = (await Runs.get({ run_id: id })).run
  out.searched = (await Runs.search({ experiment_ids: [exp], run_view_type: 'ACTIVE_ONLY' }))
    .runs.map(r => r.info.run_id)
  out.history = (await Metrics.getHistory({ run_id: id, metric_key: 'loss' })).metrics
  out.artifacts = await Artifacts.list({ run_id: id })

  try {
    await Runs.logParameter({ run_id: id, key: 'lr', value: '0.02' })
    out.paramConflict = 'accepted'
  } catch (e) {
    out.paramConflict = JSON.parse(e.message.replace(/^Error: /, ''))
  }

  const second = (await Runs.create({ experiment_id: exp, user_id: 'node', start_time: 1700000001000 }))
    .run.info.run_id
  out.run2 = second
  await Runs.delete({ run_id: second })
  await Runs.restore({ run_id: second })
  await Runs.delete({ run_id: second })

  const { experiment_id: exp2 } = await Experiments.create({ name: 'npm-client-trash' })
  out.exp2 = exp2
  await Experiments.delete({ experiment_id: exp2 })
  await Experiments.restore({ experiment_id: exp2 })
  await Experiments.delete({ experiment_id: exp2 })
  out.deletedListed = (await Experiments.list({ view_type: 'DELETED_ONLY' })).experiments
    .map(e => e.experiment_id)

  process.stdout.write('RESULT ' + JSON.stringify(out) + '\n')
}

main().catch(e => { console.error(e); process.exit(1) })
