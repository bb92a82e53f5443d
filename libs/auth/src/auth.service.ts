import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DomainError } from '@app/common';
import { AppConfig } from '@app/config';
import type { AccessTokenClaims } from './access.guard';
import { AccessTokenDto, LoginDto } from './dto/login.dto';
import { decoyHash, verifyPassword } from './password';
import { UsersService } from './users.service';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  /** Checks the password and issues an access token. Unknown account and wrong password look alike. */
  async login(input: LoginDto): Promise<AccessTokenDto> {
    const user = await this.users.findForLogin(input.email);
    const valid = await verifyPassword(user?.passwordHash ?? (await decoyHash()), input.password);
    if (!user || !valid) {
      throw new DomainError(401, 'INVALID_CREDENTIALS', 'E-mail hoặc mật khẩu không đúng.');
    }
    const claims: AccessTokenClaims = { sub: user.id };
    const accessToken = await this.jwt.signAsync(claims);
    return {
      accessToken,
      expiresIn: this.config.JWT_TTL_SECONDS,
      user: { id: user.id, email: user.email, fullName: user.fullName, role: user.role, provinceCode: user.provinceCode },
    };
  }
}
