import { fixedTour } from './fixedTour.js'

const sections: (() => string[])[] = [fixedTour]

console.log('dtao demo — Bittensor dTAO economics computed exactly as the chain does, offline\n')
for (const section of sections) {
  console.log(section().join('\n'))
  console.log('')
}
