// The wizard's step lives in the address: each step the wizard moves to is an entry of the browser's history,
// and Back or Forward move the wizard to a step it has already reached.
import { useEffect, useRef, type Dispatch } from 'react'
import { useRouter } from '../../state/router'
import { STEPS, type Wizard, type WizardAction } from './wizard-state'

export function useWizardRoute({ step, data }: Wizard, dispatch: Dispatch<WizardAction>): void {
  const { navigate, route, moves } = useRouter()
  const furthest = useRef(STEPS.indexOf(step.name))
  const placed = useRef(false)
  const routeStep = route.screen === 'wizard' ? route.step : undefined
  const fresh = route.screen === 'wizard' ? route.fresh : undefined

  useEffect(() => {
    furthest.current = Math.max(furthest.current, STEPS.indexOf(step.name))
    // Opening a file passes through the file step for a moment: not a place in the history.
    if (routeStep === step.name || (step.name === 'file' && step.opening)) return
    navigate(
      { screen: 'wizard', batchId: data.batchId, step: step.name, fresh },
      // The first place of a wizard replaces the address that opened it.
      { replace: !placed.current }
    )
    placed.current = true
    // Only when the wizard moves.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [step.name, data.batchId])

  useEffect(() => {
    const wanted = routeStep ?? 'file'
    if (moves === 0 || wanted === step.name) return
    if (STEPS.indexOf(wanted) <= furthest.current) dispatch({ type: 'go', to: wanted })
    else navigate({ screen: 'wizard', batchId: data.batchId, step: step.name, fresh }, { replace: true })
    // Only on Back and Forward.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [moves])
}
