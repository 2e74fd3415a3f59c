import { emissionTour } from './emissionTour.js'
import { epochTour } from './epochTour.js'
import { fixedTour } from './fixedTour.js'
import { poolTour } from './poolTour.js'

const started = Date.now()
console.log('dtao demo — Bittensor dTAO economics computed exactly as the chain does, offline\n')
for (const section of [fixedTour, poolTour, epochTour, emissionTour]) {
  console.log((await section()).join('\n'))
  console.log('')
}
console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`)
