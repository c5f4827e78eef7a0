import type { ImageCell, Problem } from '../../src/practice/types'

/** A file-system image as fsck reads it: each block's role, whether the run wrote it, and what it holds. */
export function FsImage({ problem, cells }: { problem: Problem; cells: ImageCell[] }) {
  const role = new Map(problem.blocks.map((b) => [b.block, b.role]))
  return (
    <table className="pr-fs" data-testid="practice-image">
      <caption>/dev/loop0 after the power loss</caption>
      <thead>
        <tr>
          <th scope="col">Block</th>
          <th scope="col">Role</th>
          <th scope="col">New or old</th>
          <th scope="col">Holds</th>
        </tr>
      </thead>
      <tbody>
        {cells.map((c) => (
          <tr key={c.block} className={c.changed ? 'pr-new' : undefined}>
            <th scope="row">{c.block}</th>
            <td>{role.get(c.block)}</td>
            <td>{c.changed ? 'new' : 'old'}</td>
            <td>{c.content}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
