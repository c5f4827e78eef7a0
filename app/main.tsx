import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import './styles.css'
import { installTestHooks } from './testHooks'

const container = document.getElementById('root')
if (!container) {
  throw new Error('loopscope: #root element missing from index.html')
}

installTestHooks()

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
